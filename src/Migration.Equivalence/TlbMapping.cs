namespace Migration.Equivalence;

/// <summary>One valid TLB entry of an MMU as the hardware would use it: [Iova, Iova + Size) → Pa.</summary>
/// <param name="Index">The TLB slot (or context bank × 100 + slot on MSM), for the report.</param>
/// <param name="Iova">Virtual tag (page aligned).</param>
/// <param name="Size">Page size of the entry.</param>
/// <param name="Pa">Physical base the entry translates to.</param>
public readonly record struct TlbMapping(int Index, uint Iova, uint Size, uint Pa);
