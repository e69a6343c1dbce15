using Migration.Hardware.Omap;

namespace Migration.Drivers.Omap;

/// <summary>
/// struct iotlb_entry (plat/iommu.h; omap.md §4.1): one mapping request or TLB entry.
/// pgsz holds the CAM page-size code; endian/elsz/mixed hold MMU_RAM bit values.
/// </summary>
public struct IotlbEntry
{
    /// <summary>Device address.</summary>
    public uint Da;
    /// <summary>Physical address.</summary>
    public uint Pa;
    /// <summary>CAM page-size code (0 = 1M, 1 = 64K, 2 = 4K, 3 = 16M).</summary>
    public uint Pgsz;
    /// <summary>Preserved: meant to hold the CAM P bit (0x8).</summary>
    public uint Prsvd;
    /// <summary>Valid: 1 from iotlb_init_entry, 0x4 (CAM V) from iotlb_cr_to_e (omap.md §8.7).</summary>
    public uint Valid;
    /// <summary>Endianness bit in RAM position (0 or 0x200).</summary>
    public uint Endian;
    /// <summary>Element size in RAM position (0, 0x80, 0x100, 0x180).</summary>
    public uint Elsz;
    /// <summary>Mixed bit in RAM position (0 or 0x40).</summary>
    public uint Mixed;

    /// <summary>
    /// iotlb_init_entry(e, da, pa, flags) (iopgtable.h): zero the entry, set da, pa, valid = 1, the size
    /// code and attributes from <paramref name="flags"/>; returns iopgsz_to_bytes of the size code.
    /// </summary>
    public static uint Init(out IotlbEntry e, uint da, uint pa, uint flags)
    {
        e = new IotlbEntry
        {
            Da = da,
            Pa = pa,
            Valid = 1, // not the CAM V bit 0x4: see omap.md §8.7
            Pgsz = flags & IovmFlags.IOVMF_PGSZ_MASK,
            Endian = flags & IovmFlags.IOVMF_ENDIAN_MASK,
            Elsz = flags & IovmFlags.IOVMF_ELSZ_MASK,
            Mixed = flags & IovmFlags.IOVMF_MIXED,
        };
        return IopgSize.IopgszToBytes(e.Pgsz);
    }

    /// <inheritdoc />
    public override readonly string ToString() =>
        $"iotlb_entry(da 0x{Da:x8} pa 0x{Pa:x8} {IopgSize.IopgszToBytes(Pgsz) >> 10}K attrs 0x{Endian | Elsz | Mixed:x})";
}

/// <summary>struct cr_regs: a TLB entry's CAM and RAM register values.</summary>
/// <param name="Cam">MMU_CAM value.</param>
/// <param name="Ram">MMU_RAM value.</param>
public readonly record struct CrRegs(uint Cam, uint Ram)
{
    /// <summary>iotlb_cr_valid(cr): the CAM V bit.</summary>
    public bool IsValid => (Cam & OmapMmuRegisters.MMU_CAM_V) != 0;
}

/// <summary>struct iotlb_lock: the LOCK register's BASE (preserved entries) and VICT (next victim) fields.</summary>
/// <param name="Base">Number of locked entries.</param>
/// <param name="Vict">Current victim index.</param>
public readonly record struct IotlbLock(int Base, int Vict);
