/** One stored global model: its identity and lineage, without the bytes. */
export interface ModelVersion {
  /** Lowercase hex SHA-256 of the model bytes. */
  hash: string;
  federation: string;
  /** The model it was aggregated from; null for an initial model. */
  parentHash: string | null;
  /** The round that produced it; null for an initial model. */
  round: number | null;
  codec: string;
  sizeBytes: number;
  createdAt: Date;
}
