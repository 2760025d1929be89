import { useState } from 'react';
import type { ApiError } from '../../../../preload/result';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { formatMoney } from '../../../../preload/common/format';
import type { FieldErrors } from '../../lib/issues';
import { unplacedMessage } from '../../queries/outcome';
import { useConnectPackage } from '../../queries/clientActions';
import { usePackages } from '../../queries/packages';
import { todayIso } from '../../../../preload/common/dates';
import { NextBillingFields } from './NextBillingFields';

interface ConnectPackageDialogProps {
  clientId: number;
  open: boolean;
  onClose(): void;
}

type Failure = { error: ApiError; fieldErrors: FieldErrors };

/** Guide: "On the Manage section, you can add a new package". */
export function ConnectPackageDialog({ clientId, open, onClose }: ConnectPackageDialogProps) {
  const { packages } = usePackages();
  const connectPackage = useConnectPackage();
  const [packageId, setPackageId] = useState('');
  const [nextBillingDate, setNextBillingDate] = useState(todayIso);
  const [chargeSetupNow, setChargeSetupNow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);


  const close = (): void => {
    setPackageId('');
    setNextBillingDate(todayIso());
    setChargeSetupNow(false);
    setFailure(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (packageId === '') {
      setFailure({ error: { code: 'invalid_input', message: 'Choose a package' }, fieldErrors: { packageId: 'Choose a package to connect' } });
      return;
    }
    setBusy(true);
    const outcome = await connectPackage({ clientId, packageId: Number(packageId), nextBillingDate, chargeSetupNow });
    setBusy(false);
    if (outcome.ok) close();
    else setFailure(outcome);
  };

  const chosen = packages.find((pkg) => String(pkg.id) === packageId);
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <FormDialog
      open={open}
      onOpenChange={(isOpen) => (isOpen ? undefined : close())}
      title="Connect a package"
      description="The client’s calls are rated with this package, and its fees are charged on each billing date."
      submitLabel="Connect package"
      busy={busy}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['packageId', 'nextBillingDate'])}
      onSubmit={() => void submit()}
    >
      <Field id="connect-package" label="Package" error={fieldErrors.packageId}>
        {(control) => (
          <ChoiceSelect
            {...control}
            value={packageId}
            placeholder={packages.length === 0 ? 'No packages yet' : 'Choose a package…'}
            choices={packages.map((pkg) => ({
              value: String(pkg.id),
              label: `${pkg.name} — ${formatMoney(pkg.monthlyFee)}/month, setup ${formatMoney(pkg.setupFee)}`,
            }))}
            onChange={setPackageId}
          />
        )}
      </Field>
      <NextBillingFields
        idPrefix="connect"
        nextBillingDate={nextBillingDate}
        chargeSetupNow={chargeSetupNow}
        setupFee={chosen?.setupFee ?? null}
        error={fieldErrors.nextBillingDate}
        onDateChange={setNextBillingDate}
        onChargeSetupNowChange={setChargeSetupNow}
      />
    </FormDialog>
  );
}
