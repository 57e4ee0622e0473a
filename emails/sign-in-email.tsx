import { Button, Text } from "@react-email/components";
import { type Brand, BrandLayout } from "./brand-layout";

/** The magic-link sign-in email. */
export function SignInEmail({ brand, url }: { brand: Brand; url: string }) {
  return (
    <BrandLayout brand={brand} preview="Your sign-in link">
      <Text style={{ fontSize: "16px", lineHeight: "24px" }}>Click to sign in to Rekindle. The link works once and expires in 15 minutes.</Text>
      <Button href={url} style={{ backgroundColor: brand.colour, color: "#ffffff", borderRadius: "6px", padding: "12px 20px", fontWeight: 700 }}>
        Sign in to Rekindle
      </Button>
      <Text style={{ color: "#78716c", fontSize: "13px" }}>If you did not ask for this, ignore this email.</Text>
    </BrandLayout>
  );
}
