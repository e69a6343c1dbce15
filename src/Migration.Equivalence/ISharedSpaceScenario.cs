namespace Migration.Equivalence;

/// <summary>
/// A scenario of one world whose devices share address spaces across IOMMUs: there is no legacy twin, the world is
/// checked against itself by the <see cref="CrossDeviceComparison"/>.
/// </summary>
public interface ISharedSpaceScenario : IScenario
{
    /// <summary>A fresh world.</summary>
    ISharedSpaceWorld CreateWorld();
}
