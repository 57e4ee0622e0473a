import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export type Brand = { name: string; colour: string; accent: string };

/** The frame every email shares: brand header, content, footer. React escapes every value put into it. */
export function BrandLayout({ brand, preview, children, footer }: { brand: Brand; preview: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f5f3", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "560px", borderRadius: "8px", overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.colour, padding: "16px 24px" }}>
            <Text style={{ color: "#ffffff", fontSize: "18px", fontWeight: 700, margin: 0 }}>{brand.name}</Text>
          </Section>
          <Section style={{ padding: "24px" }}>{children}</Section>
          {footer ? (
            <>
              <Hr style={{ borderColor: "#e7e5e4", margin: 0 }} />
              <Section style={{ padding: "16px 24px" }}>{footer}</Section>
            </>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}
