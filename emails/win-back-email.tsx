import { Button, Link, Text } from "@react-email/components";
import { type Brand, BrandLayout } from "./brand-layout";

type WinBackEmailProps = {
  brand: Brand;
  subject: string;
  preheader: string;
  paragraphs: string[];
  callToAction: string;
  ctaUrl: string;
  signature: string;
  unsubscribeUrl: string;
};

/** A win-back email: the stylist's words, their signature, our button and a visible unsubscribe link. */
export function WinBackEmail(props: WinBackEmailProps) {
  const { brand } = props;
  return (
    <BrandLayout
      brand={brand}
      preview={props.preheader || props.subject}
      footer={
        <Text style={{ color: "#78716c", fontSize: "12px", lineHeight: "18px", margin: 0 }}>
          You get this email because you are a {brand.name} client.{" "}
          <Link href={props.unsubscribeUrl} style={{ color: "#57534e", textDecoration: "underline" }}>
            Unsubscribe
          </Link>{" "}
          from these emails.
        </Text>
      }
    >
      {props.paragraphs.map((paragraph, i) => (
        <Text key={i} style={{ color: "#1c1917", fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" }}>
          {paragraph}
        </Text>
      ))}
      <Button href={props.ctaUrl} style={{ backgroundColor: brand.accent, color: "#1c1917", borderRadius: "6px", padding: "12px 20px", fontWeight: 700, fontSize: "15px" }}>
        {props.callToAction}
      </Button>
      <Text style={{ color: "#44403c", fontSize: "15px", lineHeight: "22px", margin: "24px 0 0", whiteSpace: "pre-line" }}>{props.signature}</Text>
    </BrandLayout>
  );
}

/**
 * The plain-text part, written from the same props rather than converted from the HTML (that conversion cost more
 * than the render itself, for every email of a batch). Plain text needs no escaping.
 */
export function winBackEmailText(props: WinBackEmailProps): string {
  return [
    props.brand.name,
    ...props.paragraphs,
    `${props.callToAction} ${props.ctaUrl}`,
    props.signature,
    "-".repeat(40),
    `You get this email because you are a ${props.brand.name} client. Unsubscribe ${props.unsubscribeUrl} from these emails.`,
  ].join("\n\n");
}
