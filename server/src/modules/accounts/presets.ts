import type { Preset } from '@mailroom/contract';

const ep = (host: string, port: number, security: 'tls' | 'starttls' | 'none') => ({ host, port, security });

/** The providers people use most; an organisation adds its own (mail_presets). */
export const BUILT_IN_PRESETS: Preset[] = [
  { id: 'gmail', name: 'Gmail', imap: ep('imap.gmail.com', 993, 'tls'), pop3: ep('pop.gmail.com', 995, 'tls'), smtp: ep('smtp.gmail.com', 465, 'tls'), oauth2: false, helpUrl: 'https://support.google.com/mail/answer/7126229', domains: ['gmail.com', 'googlemail.com'], builtIn: true },
  { id: 'outlook', name: 'Outlook / Office 365', imap: ep('outlook.office365.com', 993, 'tls'), pop3: ep('outlook.office365.com', 995, 'tls'), smtp: ep('smtp.office365.com', 587, 'starttls'), oauth2: false, helpUrl: 'https://support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353', domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'], builtIn: true },
  { id: 'yahoo', name: 'Yahoo', imap: ep('imap.mail.yahoo.com', 993, 'tls'), pop3: ep('pop.mail.yahoo.com', 995, 'tls'), smtp: ep('smtp.mail.yahoo.com', 465, 'tls'), oauth2: false, helpUrl: 'https://help.yahoo.com/kb/SLN4075.html', domains: ['yahoo.com', 'ymail.com'], builtIn: true },
  { id: 'yandex', name: 'Яндекс Почта', imap: ep('imap.yandex.ru', 993, 'tls'), pop3: ep('pop.yandex.ru', 995, 'tls'), smtp: ep('smtp.yandex.ru', 465, 'tls'), oauth2: false, helpUrl: 'https://yandex.ru/support/mail/mail-clients/others.html', domains: ['yandex.ru', 'ya.ru', 'yandex.com'], builtIn: true },
  { id: 'mailru', name: 'Mail.ru', imap: ep('imap.mail.ru', 993, 'tls'), pop3: ep('pop.mail.ru', 995, 'tls'), smtp: ep('smtp.mail.ru', 465, 'tls'), oauth2: false, helpUrl: 'https://help.mail.ru/mail/mailer/popsmtp', domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru'], builtIn: true },
  { id: 'rambler', name: 'Rambler', imap: ep('imap.rambler.ru', 993, 'tls'), pop3: ep('pop.rambler.ru', 995, 'tls'), smtp: ep('smtp.rambler.ru', 465, 'tls'), oauth2: false, helpUrl: 'https://help.rambler.ru/mail/mail-pochtovye-klienty/1275/', domains: ['rambler.ru', 'lenta.ru', 'ro.ru'], builtIn: true },
];
