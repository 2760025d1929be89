import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { fieldErrorOf } from './ClientUi';

export type BrandingTabName =
  | 'Branded interface'
  | 'Interface and access'
  | 'Branding management'
  | 'Display elements'
  | 'Services'
  | 'Text and messages'
  | 'Payment'
  | 'Host name'
  | "Provider's portal";

export interface ImageFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Branding & Access: the tabs of one form, Save and Revert, and the portal preview beside them. */
export class BrandingPage extends AppShell {
  readonly form: Locator;
  readonly saveButton: Locator;
  readonly revertButton: Locator;
  readonly errorSummary: Locator;
  readonly preview: Locator;
  readonly previewTitle: Locator;
  readonly previewHeaderTitle: Locator;
  readonly previewPage: Locator;
  readonly previewLoginPage: Locator;
  readonly previewPanel: Locator;
  readonly previewButton: Locator;
  readonly previewLogo: Locator;
  readonly previewWelcome: Locator;
  readonly previewSpend: Locator;
  readonly previewCallTypes: Locator;
  readonly previewServiceDetails: Locator;
  readonly title: Locator;
  readonly logoInput: Locator;
  readonly contrastWarning: Locator;
  readonly hostName: Locator;
  readonly amounts: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.form = page.getByRole('form', { name: 'Branding and access' });
    this.saveButton = this.form.getByRole('button', { name: 'Save branding' });
    this.revertButton = this.form.getByRole('button', { name: 'Revert' });
    this.errorSummary = this.form.getByRole('alert').filter({ hasText: 'not saved' });
    this.preview = page.getByTestId('portal-preview');
    this.previewTitle = this.preview.getByTestId('preview-title');
    this.previewHeaderTitle = this.preview.getByTestId('preview-header-title');
    this.previewPage = this.preview.getByTestId('preview-page');
    this.previewLoginPage = this.preview.getByTestId('preview-login-page');
    this.previewPanel = this.preview.getByTestId('preview-panel');
    this.previewButton = this.preview.getByTestId('preview-button');
    this.previewLogo = this.preview.getByTestId('preview-logo');
    this.previewWelcome = this.preview.getByTestId('preview-welcome');
    this.previewSpend = this.preview.getByTestId('preview-spend');
    this.previewCallTypes = this.preview.getByTestId('preview-call-types');
    this.previewServiceDetails = this.preview.getByTestId('preview-service-details');
    this.title = this.form.getByRole('textbox', { name: 'Title', exact: true });
    this.logoInput = this.form.getByLabel('Logo', { exact: true });
    this.contrastWarning = this.form.getByRole('status').filter({ hasText: 'WCAG AA' });
    this.hostName = this.form.getByRole('textbox', { name: 'Host name', exact: true });
    this.amounts = this.form.getByRole('textbox', { name: 'Amounts', exact: true });
  }

  async goto(): Promise<void> {
    await this.open('/branding');
    await this.form.waitFor();
  }

  async openTab(name: BrandingTabName): Promise<void> {
    await this.form.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}`) }).click();
  }

  tab(name: BrandingTabName): Locator {
    return this.form.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}`) });
  }

  /** A colour's hex text field ("Panels", "Buttons", "Background", "Text"). */
  colorHex(label: 'Panels' | 'Buttons' | 'Background' | 'Text'): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  colorPicker(label: 'Panels' | 'Buttons' | 'Background' | 'Text'): Locator {
    return this.form.getByLabel(`${label} colour picker`);
  }

  errorOf(control: Locator): Locator {
    return fieldErrorOf(control);
  }

  templateSubject(label: string): Locator {
    return this.form.getByLabel(`${label} subject`, { exact: true });
  }

  templateBody(label: string): Locator {
    return this.form.getByLabel(`${label} body`, { exact: true });
  }

  async chooseLogo(file: ImageFile): Promise<void> {
    await this.logoInput.setInputFiles(file);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }

  /** A CSS property of a preview element as the browser computed it, e.g. "rgb(18, 52, 86)". */
  async computed(locator: Locator, property: 'color' | 'background-color' | 'background-image'): Promise<string> {
    return locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
  }
}
