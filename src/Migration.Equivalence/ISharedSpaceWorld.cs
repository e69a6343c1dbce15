namespace Migration.Equivalence;

/// <summary>
/// A world whose devices share address spaces across IOMMUs of different formats: the engine checks, after every
/// step, that each attached IOMMU translates each shared range exactly as the space's mappings say.
/// </summary>
public interface ISharedSpaceWorld : IEquivalenceWorld
{
    /// <summary>The shared spaces.</summary>
    IReadOnlyList<SharedSpaceView> SharedSpaces { get; }
}
