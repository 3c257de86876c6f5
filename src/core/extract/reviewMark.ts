/**
 * How a draft return marks a value taken from a work summary: its 备注 starts with this. The reader keeps
 * the remark, and the `extracted_for_review` check turns the mark into a finding on every such value.
 */
export const REVIEW_MARK = '【待核实】';
