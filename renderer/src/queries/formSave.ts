import { useCallback, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { FieldErrors } from '../lib/issues';
import type { SuccessMessage } from './outcome';
import { useChannelAction } from './channel';

const NO_ERRORS: FieldErrors = {};

/**
 * An editor page's save: the write through useChannelAction, plus what the form shows
 * until the next try (main's error and its messages by field). Answers the saved value,
 * or null when main refused.
 */
export function useFormSave<K extends ChannelName>(name: K) {
  const { run, pending } = useChannelAction(name);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(NO_ERRORS);

  const save = useCallback(
    async (input: ChannelInput<K>, success: ((value: ChannelOutput<K>) => SuccessMessage) | null = null): Promise<ChannelOutput<K> | null> => {
      setSaveError(null);
      setFieldErrors(NO_ERRORS);
      const outcome = await run(input, success);
      if (outcome.ok) return outcome.value;
      setSaveError(outcome.error);
      setFieldErrors(outcome.fieldErrors);
      return null;
    },
    [run],
  );

  return { save, saving: pending, saveError, fieldErrors };
}
