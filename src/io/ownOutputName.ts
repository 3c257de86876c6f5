/**
 * This tool's own outputs carry a custom document property (docProps/custom.xml, visible in Excel under
 * File → Info → Properties → Advanced → Custom). A workbook with it is never read back as returns of the
 * period it summarises: a summary.xlsx written inside an input folder would otherwise double every return.
 * Its own module so that the reader and the writer can know it without loading fflate (ownOutput.ts).
 */
export const OWN_OUTPUT_PROPERTY = 'CommunityReturnsOutput';

/** The docProps/custom.xml part that marks a workbook as ours; `kind` names which output it is. */
export function ownOutputCustomXml(kind: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${OWN_OUTPUT_PROPERTY}"><vt:lpwstr>${kind}</vt:lpwstr></property>` +
    '</Properties>'
  );
}
