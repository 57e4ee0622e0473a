/** Separate random streams per concern, so changing how orders are drawn never reshuffles names or ids. */
export const STAFF_SALT = 0x57af;
export const PROFILE_SALT = 0x9f01;
export const ORDERS_SALT = 0x0bd3;
