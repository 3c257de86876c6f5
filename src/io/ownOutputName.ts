/**
 * This tool's own outputs carry a custom document property (docProps/custom.xml, visible in Excel under
 * File → Info → Properties → Advanced → Custom). A workbook with it is never read back as returns of the
 * period it summarises: a summary.xlsx written inside an input folder would otherwise double every return.
 * Its own module so that the reader can know the name without loading fflate (ownOutput.ts).
 */
export const OWN_OUTPUT_PROPERTY = 'CommunityReturnsOutput';
