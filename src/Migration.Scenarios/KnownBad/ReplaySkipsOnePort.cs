using Generic.Iommu;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `shared-replay-skips-one`: SharedAddressSpace.Attach replays every mapping but the space's first into a joining
/// domain (and still reports success): that device faults on a buffer every other device sees.
/// </summary>
public sealed class ReplaySkipsOnePort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "shared-replay-skips-one";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Iommu SharedAddressSpace.Attach skips the replay of the space's first mapping";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["shared-space"];

    internal override SharedAddressSpace SharedSpace(uint start, uint size) => new SkippingSpace(start, size);

    private sealed class SkippingSpace(uint start, uint size) : SharedAddressSpace(start, size)
    {
        protected override int Replay(IommuDomain domain, SharedMapping m, int prot) =>
            m.Iova == Mappings.Min(x => x.Iova) ? 0 : base.Replay(domain, m, prot); // the injected bug: the first one is skipped
    }
}
