import type { Dictionary } from './en.ts';

/** Russian texts of Administration → Shared mailboxes (part of ru.ts). */
export const ruShared: Dictionary['sharedMailboxes'] = {
  title: 'Общие ящики',
  hint: 'Ящики организации, например info@ или sales@, подключённые для ответственных сотрудников: каждый из них видит их почту в своей «Почте».',
  add: 'Добавить общий ящик',
  addTitle: 'Новый общий ящик',
  editTitle: 'Изменить общий ящик',
  empty: 'Общие ящики ещё не подключены.',
  created: 'Общий ящик добавлен; его почта загружается для ответственных.',
  saved: 'Изменения сохранены.',
  displayName: 'Имя отправителя в письмах',
  responsible: 'Ответственные',
  responsibleNames: 'Ответственные: {{names}}',
  changeResponsible: 'Ответственные',
  responsibleTitle: 'Кто отвечает за «{{name}}»',
  responsibleHint: 'Папки ящика появляются в «Почте» каждого выбранного сотрудника. У исключённых они пропадают.',
  responsibleSaved: 'Ответственные изменены.',
  removeTitle: 'Удалить общий ящик?',
  removeText: 'Ящик «{{name}}» будет отключён, а полученная из него почта исчезнет из ящиков ответственных. Почта на сервере провайдера останется.',
};
