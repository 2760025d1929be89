import type { Locator, Page } from '@playwright/test';

export interface PreviewCall {
  destination: string;
  seconds: number | string;
  costRate?: string;
  inbound?: boolean;
  didRate?: string;
}

/** "Price a call" beside the package editor: `pricing.preview` and its figures. */
export class PricingPreviewPanel {
  readonly panel: Locator;
  readonly destination: Locator;
  readonly seconds: Locator;
  readonly costRate: Locator;
  readonly inbound: Locator;
  readonly didRate: Locator;
  readonly submitButton: Locator;
  readonly explanation: Locator;
  /** Shown instead of a price when no cost is known: what is missing, with a link to the cost deck. */
  readonly priceUnknown: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Price a call' });
    this.destination = this.panel.getByLabel('Number to call');
    this.seconds = this.panel.getByLabel('Duration');
    this.costRate = this.panel.getByLabel('Cost per minute (optional)');
    this.inbound = this.panel.getByRole('checkbox', { name: 'Inbound call on a DID' });
    this.didRate = this.panel.getByLabel('DID rate per minute');
    this.submitButton = this.panel.getByRole('button', { name: 'Price this call' });
    this.explanation = this.panel.getByTestId('preview-explanation');
    this.priceUnknown = this.panel.getByTestId('preview-price-unknown');
  }

  /** One figure of the result: 'sell-rate', 'billed', 'free', 'charge', 'cost', 'profit' or 'destination'. */
  figure(name: 'sell-rate' | 'billed' | 'free' | 'charge' | 'cost' | 'profit' | 'destination'): Locator {
    return this.panel.getByTestId(`preview-${name}`);
  }

  async price(call: PreviewCall): Promise<void> {
    await this.destination.fill(call.destination);
    await this.seconds.fill(String(call.seconds));
    await this.costRate.fill(call.costRate ?? '');
    await this.inbound.setChecked(call.inbound ?? false);
    if (call.didRate !== undefined) await this.didRate.fill(call.didRate);
    await this.submitButton.click();
  }
}
