namespace Migration.Equivalence;

/// <summary>A hardware walker seen page by page: what one device address translates to, or how far its fault extends.</summary>
public interface ITranslationWalker
{
    /// <summary>
    /// Walks <paramref name="va"/>: true with the page that maps it (base pa, size, attributes); false with the
    /// number of bytes from the aligned fault granule start that are unmapped (1 MiB for an empty first level).
    /// </summary>
    bool Walk(uint va, out uint pageBasePa, out uint pageSize, out uint attributes, out uint faultGranule);
}
