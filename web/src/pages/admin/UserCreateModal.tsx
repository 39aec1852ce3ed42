import { useState } from 'react';
import { Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language, Role, User } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { languageOptions, roleOptions } from './roleOptions.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (u: User) => void;
}

export function UserCreateModal({ opened, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const blank = () => ({
    login: '',
    name: '',
    password: '',
    role: 'user' as Role,
    language: (i18n.language as Language) || 'en',
    timeZone: me.timeZone,
    departmentId: null as string | null,
  });
  const [form, setForm] = useState(blank);
  const set = (p: Partial<ReturnType<typeof blank>>) => setForm((f) => ({ ...f, ...p }));

  const create = useMutation({
    mutationFn: () => client.users.create({ ...form, login: form.login.trim(), name: form.name.trim() }),
    onSuccess: (u) => {
      void qc.invalidateQueries({ queryKey: keys.users });
      void qc.invalidateQueries({ queryKey: keys.departments });
      setForm(blank());
      create.reset();
      onCreated(u);
    },
  });

  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.createTitle')} size="lg" data-testid="user-create-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('users.name')}
            value={form.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={failedField(create.error, 'name')}
            required
            data-autofocus
            data-testid="user-name"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('users.login')}
              description={t('users.loginHint')}
              value={form.login}
              onChange={(e) => set({ login: e.currentTarget.value })}
              error={failedField(create.error, 'login')}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              required
              data-testid="user-login"
            />
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHint')}
              value={form.password}
              onChange={(e) => set({ password: e.currentTarget.value })}
              error={failedField(create.error, 'password')}
              autoComplete="new-password"
              required
              data-testid="user-password"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('users.role')}
              data={roleOptions(t)}
              value={form.role}
              onChange={(v) => v && set({ role: v as Role })}
              allowDeselect={false}
              data-testid="user-role"
            />
            <Select
              label={t('users.language')}
              data={languageOptions(t)}
              value={form.language}
              onChange={(v) => v && set({ language: v as Language })}
              allowDeselect={false}
              data-testid="user-language"
            />
          </SimpleGrid>
          <DepartmentSelect
            label={t('users.department')}
            emptyLabel={t('users.noDepartment')}
            value={form.departmentId}
            onChange={(departmentId) => set({ departmentId })}
            testId="user-department"
          />
          <TimeZoneSelect value={form.timeZone} onChange={(timeZone) => set({ timeZone })} testId="user-timezone" />
          <ErrorAlert error={create.error} testId="user-create-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="user-create-submit">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
