import { z } from "zod";
import { emailAddress } from "@/lib/domain/validation";
import { ROLES } from "./policy";

export const MIN_PASSWORD_LENGTH = 12;

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Keep the password to 200 characters or fewer");

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Keep the name to 120 characters or fewer"),
  email: z.string().trim().toLowerCase().pipe(emailAddress("Enter a valid email address")),
  role: z.enum(ROLES, "Choose a role"),
  // Empty means the person signs in with an email link (or an admin sets a password later).
  password: z.preprocess((v) => (v === "" ? undefined : v), password.optional()),
});

export const changeRoleSchema = z.object({
  userId: z.uuid("Unknown user"),
  role: z.enum(ROLES, "Choose a role"),
  // The person confirmed what the change means (see roleChangeWarning).
  confirmed: z.preprocess((v) => v === true || v === "yes", z.boolean()).optional(),
});
export const setActiveSchema = z.object({ userId: z.uuid("Unknown user"), active: z.preprocess((v) => v === true || v === "true", z.boolean()) });
export const setPasswordSchema = z.object({ userId: z.uuid("Unknown user"), password });
