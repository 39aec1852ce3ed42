/** A case-insensitive "contains" pattern for LIKE on lower(...): the text's own %, _ and \ match literally. */
export const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
