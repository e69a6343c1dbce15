using Migration.Equivalence;
using Migration.Hardware.Msm;

namespace Migration.Scenarios.Msm;

/// <summary>The valid TLB entries of one MSM context bank as the engine's hardware view reads them.</summary>
internal static class MsmTlbView
{
    /// <summary>Each valid entry of context <paramref name="ctx"/> of <paramref name="instance"/>, numbered from <paramref name="idBase"/>.</summary>
    public static IEnumerable<TlbMapping> Entries(MsmIommu instance, int ctx, int idBase)
    {
        for (int i = 0; i < MsmIommu.TlbEntriesPerContext; i++)
        {
            MsmTlbEntry e = instance.PeekTlb(ctx, i);
            if (e.Valid)
                yield return new TlbMapping(idBase + i, e.VaBase, e.PageSize, e.PaBase);
        }
    }
}
