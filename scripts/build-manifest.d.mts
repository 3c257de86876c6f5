export declare const DEV_ORIGIN: string;
/** Rewrites the development origin in a manifest's text to `base` (which must be https). */
export declare function rebaseManifest(xml: string, base: string): string;
