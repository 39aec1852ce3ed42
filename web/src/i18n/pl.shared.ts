import type { Dictionary } from './en.ts';

/** Polish texts of Administration → Shared mailboxes (part of pl.ts). */
export const plShared: Dictionary['sharedMailboxes'] = {
  title: 'Skrzynki wspólne',
  hint: 'Skrzynki organizacji, np. info@ lub sales@, podłączone dla osób za nie odpowiedzialnych: każda z nich widzi ich pocztę w swojej Poczcie.',
  add: 'Dodaj skrzynkę wspólną',
  addTitle: 'Nowa skrzynka wspólna',
  editTitle: 'Edytuj skrzynkę wspólną',
  empty: 'Nie podłączono jeszcze żadnej skrzynki wspólnej.',
  created: 'Skrzynka wspólna została dodana; jej poczta jest wczytywana dla osób odpowiedzialnych.',
  saved: 'Zmiany zostały zapisane.',
  displayName: 'Nazwa nadawcy w wysłanych wiadomościach',
  responsible: 'Osoby odpowiedzialne',
  responsibleNames: 'Odpowiedzialni: {{names}}',
  changeResponsible: 'Osoby odpowiedzialne',
  responsibleTitle: 'Kto odpowiada za „{{name}}”',
  responsibleHint: 'Foldery skrzynki pojawiają się w Poczcie każdej wybranej osoby. Osoby usunięte z listy je tracą.',
  responsibleSaved: 'Osoby odpowiedzialne zostały zmienione.',
  removeTitle: 'Usunąć skrzynkę wspólną?',
  removeText: 'Skrzynka „{{name}}” zostanie odłączona, a pobrana z niej poczta zniknie ze skrzynek osób odpowiedzialnych. Poczta na serwerze dostawcy pozostanie.',
};
