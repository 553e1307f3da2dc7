/** The encoding of a plain update: each tensor as IEEE-754 float32, little-endian, in element order. */
export const FLOAT32_ENCODING = 'float32-le';
