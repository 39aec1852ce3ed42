import { useState } from 'react';
import { Button, Divider, Group, Modal, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role, UpdateUser, User } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { LegalHoldSwitch } from './LegalHoldSwitch.tsx';
import { roleOptions } from './roleOptions.ts';

/** Edit a user's name, role, department and whether they may sign in; reset their password. */
export function UserEditModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [departmentId, setDepartmentId] = useState<string | null>(user.departmentId);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  // What the server holds now: the user as opened, then as returned by each save.
  const [base, setBase] = useState(user);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.users });
    void qc.invalidateQueries({ queryKey: keys.departments });
    void qc.invalidateQueries({ queryKey: keys.me });
  };

  const patch: UpdateUser = {};
  if (name.trim() !== base.name) patch.name = name.trim();
  if (role !== base.role) patch.role = role;
  if (departmentId !== base.departmentId) patch.departmentId = departmentId;
  if (active !== base.active) patch.active = active;
  const dirty = Object.keys(patch).length > 0;

  const save = useMutation({
    mutationFn: () => client.users.update(user.id, patch),
    onSuccess: (u) => {
      setBase(u);
      refresh();
    },
  });
  const reset = useMutation({
    mutationFn: () => client.users.update(user.id, { password }),
    onSuccess: () => {
      setPassword('');
      refresh();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('users.editTitle')} size="lg" data-testid="user-edit-modal">
      <Stack>
        <Text size="sm" c="dimmed">
          {user.login} · {user.email}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (dirty) save.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('users.name')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                save.reset();
              }}
              error={failedField(save.error, 'name')}
              required
              data-testid="user-edit-name"
            />
            <Select
              label={t('users.role')}
              data={roleOptions(t)}
              value={role}
              onChange={(v) => v && (setRole(v as Role), save.reset())}
              allowDeselect={false}
              data-testid="user-edit-role"
            />
            <DepartmentSelect
              label={t('users.department')}
              emptyLabel={t('users.noDepartment')}
              value={departmentId}
              onChange={(id) => (setDepartmentId(id), save.reset())}
              testId="user-edit-department"
            />
            <Switch
              label={t('users.activeLabel')}
              checked={active}
              onChange={(e) => (setActive(e.currentTarget.checked), save.reset())}
              data-testid="user-edit-active"
            />
            <ErrorAlert error={save.error} testId="user-edit-error" />
            {save.isSuccess && <SuccessAlert testId="user-edit-saved">{t('users.updated')}</SuccessAlert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.close')}
              </Button>
              <Button type="submit" disabled={!dirty} loading={save.isPending} data-testid="user-edit-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        <LegalHoldSwitch userId={user.id} />
        <Divider label={t('users.resetPassword')} labelPosition="left" />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (password) reset.mutate();
          }}
        >
          <Stack>
            <Group align="flex-end" wrap="wrap">
              <PasswordInput
                label={t('users.newPassword')}
                description={t('users.resetPasswordHint')}
                value={password}
                onChange={(e) => {
                  setPassword(e.currentTarget.value);
                  reset.reset();
                }}
                error={failedField(reset.error, 'password')}
                autoComplete="new-password"
                style={{ flex: 1, minWidth: 220 }}
                data-testid="user-reset-password"
              />
              <Button type="submit" variant="light" disabled={!password} loading={reset.isPending} data-testid="user-reset-submit">
                {t('users.setPassword')}
              </Button>
            </Group>
            <ErrorAlert error={reset.error} testId="user-reset-error" />
            {reset.isSuccess && <SuccessAlert testId="user-reset-done">{t('users.passwordReset')}</SuccessAlert>}
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
