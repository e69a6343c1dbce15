namespace Migration.Drivers.Omap;

/// <summary>
/// A remembered walk of the batched store: the L1 entry at <see cref="PgdAddress"/> points to the L2 table whose
/// descriptor is <see cref="Iopgd"/>. Default (PgdAddress 0) means nothing is remembered.
/// </summary>
internal readonly record struct OmapL2Walk(uint PgdAddress, uint Iopgd);
