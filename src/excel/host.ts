/// <reference types="office-js" />
/** The one place that calls `Excel.run` (and asks Office which requirement sets the host has). */
import type { Capabilities, ExcelHost } from './types.js';

export function defaultHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

export function capabilitiesOf(host: ExcelHost): Capabilities {
  return {
    notes: host.isSetSupported('ExcelApi', '1.18') ? 'note' : host.isSetSupported('ExcelApi', '1.10') ? 'comment' : 'none',
    mergedAreas: host.isSetSupported('ExcelApi', '1.13'),
    fillPattern: host.isSetSupported('ExcelApi', '1.9'),
  };
}
