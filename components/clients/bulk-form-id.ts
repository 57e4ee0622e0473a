/** The bulk reassign form's id: the list's row checkboxes join it through their form attribute, from inside the table. */
export const BULK_FORM_ID = "bulk-reassign";
