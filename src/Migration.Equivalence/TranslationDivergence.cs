namespace Migration.Equivalence;

/// <summary>The first device address where two translation maps disagree, with each side's run there (null: unmapped).</summary>
/// <param name="Iova">The divergent device address.</param>
/// <param name="Left">The left world's run covering it, or null.</param>
/// <param name="Right">The right world's run covering it, or null.</param>
public sealed record TranslationDivergence(uint Iova, TranslationRun? Left, TranslationRun? Right)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"0x{Iova:x8}: left {(Left is { } l ? $"-> {PhysicalIdentity.Format(l.Translate(Iova))} attrs 0x{l.Attributes:x}" : "unmapped")}, " +
        $"right {(Right is { } r ? $"-> {PhysicalIdentity.Format(r.Translate(Iova))} attrs 0x{r.Attributes:x}" : "unmapped")}";
}
