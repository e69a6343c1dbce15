using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Omap;

/// <summary>
/// The OMAP2/3/4 arch function table (arch/arm/mach-omap2/iommu2.c, struct iommu_functions
/// omap2_iommu_ops): enable/disable, TWL, fault decode, CR access, PTE attributes, context save/restore.
/// </summary>
public sealed class Omap2IommuArch
{
    /// <summary>IOMMU_ARCH_VERSION: 0x11.</summary>
    public const uint IOMMU_ARCH_VERSION = 0x00000011;

    /// <summary>Register reads of SYSSTATUS the 20 ms RESETDONE poll makes before giving up.</summary>
    public const int ResetPollReads = 20;

    /// <summary>Creates the table with the given kernel's attribute rule.</summary>
    public Omap2IommuArch(OmapAttributeEncoding attributeEncoding) => AttributeEncoding = attributeEncoding;

    /// <summary>Which get_pte_attr shift rule this kernel has (3.0 bug or 3.1 fix).</summary>
    public OmapAttributeEncoding AttributeEncoding { get; }

    /// <summary>ops->version.</summary>
    public uint Version => IOMMU_ARCH_VERSION;

    /// <summary>omap2_iommu_enable (omap.md §2.6): 0, -EINVAL (no/misaligned table) or -ENODEV (reset stuck).</summary>
    public int Enable(OmapIommuInstance obj)
    {
        if (obj.Iopgd == 0 || (obj.Iopgd & (IopgtableFormat.IOPGD_TABLE_SIZE - 1)) != 0)
            return -Errno.EINVAL;

        obj.WriteReg(MMU_SYS_SOFTRESET, MMU_SYSCONFIG);
        uint l = 0;
        for (int i = 0; i < ResetPollReads; i++)
        {
            l = obj.ReadReg(MMU_SYSSTATUS);
            if ((l & MMU_SYS_RESETDONE) != 0)
                break;
        }
        if ((l & MMU_SYS_RESETDONE) == 0)
            return -Errno.ENODEV; // "can't take mmu out of reset"

        _ = obj.ReadReg(MMU_REVISION); // logged only

        l = obj.ReadReg(MMU_SYSCONFIG);
        l &= ~MMU_SYS_IDLE_MASK;
        l |= MMU_SYS_IDLE_SMART | MMU_SYS_AUTOIDLE;
        obj.WriteReg(l, MMU_SYSCONFIG);

        obj.WriteReg(obj.Iopgd, MMU_TTB);
        SetTwlCore(obj, on: true);
        return 0;
    }

    /// <summary>omap2_iommu_disable: MMU and walker off, force-idle.</summary>
    public void Disable(OmapIommuInstance obj)
    {
        uint l = obj.ReadReg(MMU_CNTL);
        l &= ~MMU_CNTL_MASK;
        obj.WriteReg(l, MMU_CNTL);
        obj.WriteReg(MMU_SYS_IDLE_FORCE, MMU_SYSCONFIG);
    }

    /// <summary>omap2_iommu_set_twl: ignores <paramref name="on"/> and always switches to TLB-miss mode (omap.md §8.9).</summary>
    public void SetTwl(OmapIommuInstance obj, bool on)
    {
        _ = on; // the 3.0 arch op calls __iommu_set_twl(obj, false) whatever it is given
        SetTwlCore(obj, on: false);
    }

    /// <summary>omap2_iommu_fault_isr: decodes and acknowledges IRQSTATUS; returns OMAP_IOMMU_ERR_* bits and the faulting da.</summary>
    public uint FaultIsr(OmapIommuInstance obj, out uint da)
    {
        uint stat = obj.ReadReg(MMU_IRQSTATUS) & MMU_IRQ_MASK;
        if (stat == 0)
        {
            da = 0;
            return 0;
        }
        da = obj.ReadReg(MMU_FAULT_AD);
        // OMAP_IOMMU_ERR_* occupy the same bit positions as the IRQSTATUS causes (omap.md §4.1).
        uint errs = stat;
        obj.WriteReg(stat, MMU_IRQSTATUS);
        return errs;
    }

    /// <summary>omap2_tlb_read_cr: READ_CAM/READ_RAM of the entry at LOCK.VICT.</summary>
    public CrRegs TlbReadCr(OmapIommuInstance obj) => new(obj.ReadReg(MMU_READ_CAM), obj.ReadReg(MMU_READ_RAM));

    /// <summary>omap2_tlb_load_cr: writes CAM (with V forced on) and RAM.</summary>
    public void TlbLoadCr(OmapIommuInstance obj, CrRegs cr)
    {
        obj.WriteReg(cr.Cam | MMU_CAM_V, MMU_CAM);
        obj.WriteReg(cr.Ram, MMU_RAM);
    }

    /// <summary>
    /// omap2_alloc_cr: -EINVAL if da has bits outside the tag mask of e.pgsz; cam ORs prsvd, pgsz and
    /// valid raw (so valid = 1 corrupts the size code, omap.md §4.4); ram = pa | attributes.
    /// Returns 0 and the CR, or a negative errno (-ENOMEM when the kmalloc fails).
    /// </summary>
    public int AllocCr(OmapIommuInstance obj, in IotlbEntry e, out CrRegs cr)
    {
        cr = default;
        if ((e.Da & ~TagMask(e.Pgsz)) != 0)
            return -Errno.EINVAL; // "wrong alignment"
        if (!obj.KernelMemory.TryKzalloc())
            return -Errno.ENOMEM;
        cr = new CrRegs((e.Da & MMU_CAM_VATAG_MASK) | e.Prsvd | e.Pgsz | e.Valid, e.Pa | e.Endian | e.Elsz | e.Mixed);
        return 0;
    }

    /// <summary>omap2_cr_to_virt: the CAM tag masked to its page size.</summary>
    public uint CrToVirt(CrRegs cr) => cr.Cam & TagMask(cr.Cam & MMU_CAM_PGSZ_MASK);

    /// <summary>omap2_cr_to_e: valid comes out as the CAM V bit (0x4).</summary>
    public IotlbEntry CrToE(CrRegs cr) => new()
    {
        Da = cr.Cam & MMU_CAM_VATAG_MASK,
        Pa = cr.Ram & MMU_RAM_PADDR_MASK,
        Valid = cr.Cam & MMU_CAM_V,
        Pgsz = cr.Cam & MMU_CAM_PGSZ_MASK,
        Endian = cr.Ram & MMU_RAM_ENDIAN_MASK,
        Elsz = cr.Ram & MMU_RAM_ELSZ_MASK,
        Mixed = cr.Ram & MMU_RAM_MIXED,
    };

    /// <summary>
    /// omap2_get_pte_attr (omap.md §3.4): (mixed &lt;&lt; 5) | endian | (elsz &gt;&gt; 3), shifted by 0 or 6
    /// according to <see cref="AttributeEncoding"/>.
    /// </summary>
    public uint GetPteAttr(in IotlbEntry e)
    {
        uint attr = (e.Mixed << 5) | e.Endian | (e.Elsz >> 3);
        bool pteStyle = AttributeEncoding == OmapAttributeEncoding.Linux30
            ? (e.Pgsz & MMU_CAM_PGSZ_4K) != 0 // 3.0 tests bit 1 of the code: true for 4K (2) and 16M (3)
            : e.Pgsz is MMU_CAM_PGSZ_4K or MMU_CAM_PGSZ_64K;
        return attr << (pteStyle ? 0 : 6);
    }

    /// <summary>omap2_iommu_save_ctx: reads all 64 register words into obj->ctx; BUG if word 0 is not 0x11.</summary>
    public void SaveCtx(OmapIommuInstance obj)
    {
        uint[] p = obj.Ctx;
        for (int i = 0; i < p.Length; i++)
            p[i] = obj.ReadReg((uint)i * 4);
        Bug.On(p[0] != IOMMU_ARCH_VERSION, "omap2_iommu_save_ctx: BUG_ON(p[0] != IOMMU_ARCH_VERSION)");
    }

    /// <summary>omap2_iommu_restore_ctx: writes all 64 saved words back in ascending order; same BUG check.</summary>
    public void RestoreCtx(OmapIommuInstance obj)
    {
        uint[] p = obj.Ctx;
        for (int i = 0; i < p.Length; i++)
            obj.WriteReg(p[i], (uint)i * 4);
        Bug.On(p[0] != IOMMU_ARCH_VERSION, "omap2_iommu_restore_ctx: BUG_ON(p[0] != IOMMU_ARCH_VERSION)");
    }

    // __iommu_set_twl(obj, on).
    private static void SetTwlCore(OmapIommuInstance obj, bool on)
    {
        uint l = obj.ReadReg(MMU_CNTL);
        obj.WriteReg(on ? MMU_IRQ_TWL_MASK : MMU_IRQ_TLB_MISS_MASK, MMU_IRQENABLE);
        l &= ~MMU_CNTL_MASK;
        l |= on ? MMU_CNTL_MMU_EN | MMU_CNTL_TWL_EN : MMU_CNTL_MMU_EN;
        obj.WriteReg(l, MMU_CNTL);
    }
}
