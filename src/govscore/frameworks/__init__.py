"""Framework files in their two forms: YAML as the core reads it, and an XLSX workbook as departments
write a decision's appendix. Pure (no Django): the CLI and the web app share it."""
