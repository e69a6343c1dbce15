using Migration.Kernel;

namespace Migration.Drivers.Msm;

/// <summary>
/// msm_iommu_tex_class[]: the TEX class of each MSM cache-policy slot, found at boot by scanning the
/// CPU's PRRR/NMRR (setup_iommu_tex_classes / get_tex_class; msm.md §3.3, §9.2). A slot with no
/// match holds -ENODEV, and any map that uses it fails with -EINVAL.
/// </summary>
public sealed class MsmTexClasses
{
    /// <summary>ARMv7 Linux PRRR (arch/arm/mm/proc-v7-2level.S).</summary>
    public const uint DefaultPrrr = 0xFF0A81A8;

    /// <summary>ARMv7 Linux NMRR.</summary>
    public const uint DefaultNmrr = 0x40E040E0;

    private const int CP_NONCACHED = 0;
    private const int CP_WB_WA = 1;
    private const int CP_WT = 2;
    private const int CP_WB_NWA = 3;
    private const int MT_NORMAL = 2;

    private readonly int[] _classes;

    private MsmTexClasses(int[] classes, uint prrr, uint nmrr)
    {
        _classes = classes;
        Prrr = prrr;
        Nmrr = nmrr;
    }

    /// <summary>The classes Linux computes with the ARMv7 defaults: [1, 7, 3, 2].</summary>
    public static MsmTexClasses Default { get; } = FromRegisters(DefaultPrrr, DefaultNmrr);

    /// <summary>The PRRR value scanned.</summary>
    public uint Prrr { get; }

    /// <summary>The NMRR value scanned.</summary>
    public uint Nmrr { get; }

    /// <summary>msm_iommu_tex_class[slot] for slot 0..3 (NONCACHED, WB_WA, WB_NWA, WT).</summary>
    public int this[int slot] => _classes[slot];

    /// <summary>setup_iommu_tex_classes for the given CP15 PRRR/NMRR values.</summary>
    public static MsmTexClasses FromRegisters(uint prrr, uint nmrr) => new(
    [
        GetTexClass(CP_NONCACHED, CP_NONCACHED, MT_NORMAL, 1, prrr, nmrr),
        GetTexClass(CP_WB_WA, CP_WB_WA, MT_NORMAL, 1, prrr, nmrr),
        GetTexClass(CP_WB_NWA, CP_WB_NWA, MT_NORMAL, 1, prrr, nmrr),
        GetTexClass(CP_WT, CP_WT, MT_NORMAL, 1, prrr, nmrr),
    ], prrr, nmrr);

    /// <summary>get_tex_class(icp, ocp, mt, nos): the lowest class n whose PRRR/NMRR fields match, else -ENODEV.</summary>
    public static int GetTexClass(int icp, int ocp, int mt, int nos, uint prrr, uint nmrr)
    {
        for (int i = 0; i < MsmAttributes.NUM_TEX_CLASS; i++)
        {
            int cNos = (int)((prrr >> (24 + i)) & 1);
            int cMt = (int)((prrr >> (2 * i)) & 3);
            int cIcp = (int)((nmrr >> (2 * i)) & 3);
            int cOcp = (int)((nmrr >> (16 + 2 * i)) & 3);
            if (icp == cIcp && ocp == cOcp && cMt == mt && cNos == nos)
                return i;
        }
        return -Errno.ENODEV;
    }

    /// <summary>The four slots as the golden vectors list them.</summary>
    public IReadOnlyList<int> Slots => _classes;
}
