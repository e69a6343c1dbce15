using Migration.Equivalence;
using Migration.Hardware.Msm;

namespace Migration.Scenarios.Msm;

/// <summary>A bus master reading a buffer through an MSM context: its first, middle and last page (each read loads the TLB).</summary>
internal static class MsmDeviceRead
{
    /// <summary>Reads [iova, iova + length) of <paramref name="space"/> through <paramref name="ctx"/> and adds "space da->identity" or "space da fault" per page read.</summary>
    public static void FirstMiddleLast(MsmIommu instance, int ctx, string space, uint iova, uint length, PhysicalIdentity identity, List<string> seen)
    {
        uint last = (length - 1) & ~0xFFFu;
        foreach (uint off in new[] { 0u, (last / 2) & ~0xFFFu, last }.Distinct())
        {
            MsmTranslation t = instance.Translate(ctx, iova + off, write: false);
            seen.Add(t.Outcome == MsmTranslationOutcome.Fault
                ? $"{space} 0x{iova + off:x8} fault"
                : $"{space} 0x{iova + off:x8}->{PhysicalIdentity.Format(identity.Resolve(t.Pa))}");
        }
    }
}
