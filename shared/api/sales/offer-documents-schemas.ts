import * as z from 'zod';
import { idSchema, lineText, multilineText } from '#api/common/common-schemas';
import { messageLimits } from '#domain/messaging/message';

export const offerDocumentDownloadSchema = z
  .object({
    url: z.string().meta({ description: 'A link that downloads the PDF for 15 minutes.' }),
    fileName: z.string(),
    sizeBytes: z.int(),
    storedAt: z.iso.datetime(),
  })
  .meta({ id: 'OfferDocumentDownload' });

export const emailOfferDocumentBody = z
  .strictObject({
    contactId: idSchema
      .optional()
      .meta({ description: "A contact of the offer's account; defaults to the deal's contact." }),
    subject: lineText
      .min(1)
      .max(messageLimits.subjectChars)
      .optional()
      .meta({ description: 'Defaults to the document’s title.' }),
    text: multilineText
      .min(1)
      .max(messageLimits.emailBodyBytes)
      .optional()
      .meta({ description: 'The plain-text body; defaults to a line saying the offer is attached.' }),
  })
  .meta({ id: 'EmailOfferDocument' });
