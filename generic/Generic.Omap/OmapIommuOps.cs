using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>
/// omap_iommu_ops of drivers/iommu/omap-iommu.c as of 3.3 (omap.md §7.3): one L1 table per domain, one
/// IOMMU per domain and one domain per IOMMU, byte-sized map/unmap of single pages, pgsize_bitmap =
/// OMAP_IOMMU_PGSIZES. prot is ORed raw into the iotlb flags (no translation of IOMMU_READ/WRITE).
/// </summary>
public class OmapIommuOps : IIommuOps
{
    /// <summary>OMAP_IOMMU_PGSIZES: SZ_4K | SZ_64K | SZ_1M | SZ_16M = 0x01111000.</summary>
    public const uint OMAP_IOMMU_PGSIZES = IopgSize.SZ_4K | IopgSize.SZ_64K | IopgSize.SZ_1M | IopgSize.SZ_16M;

    private readonly OmapIommuDriver _driver;

    internal OmapIommuOps(OmapIommuDriver driver) => _driver = driver;

    /// <summary>omap_iommu_ops.pgsize_bitmap (3.3 only): 0x01111000.</summary>
    public uint PgsizeBitmap => OMAP_IOMMU_PGSIZES;

    /// <summary>
    /// omap_iommu_domain_init(domain): kzalloc the omap_iommu_domain and a zeroed 16 KiB L1 table (BUG
    /// unless 16K aligned); any allocation failure → -ENOMEM.
    /// </summary>
    public int DomainInit(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        KernelMemory kmem = _driver.KernelMemory;
        if (!kmem.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*omap_domain))
        uint va = kmem.Kmalloc(IopgtableFormat.IOPGD_TABLE_SIZE); // kzalloc(IOPGD_TABLE_SIZE): order-2 pages
        if (va == 0)
            return -Errno.ENOMEM; // the domain struct is kfree'd
        Bug.On((va & (IopgtableFormat.IOPGD_TABLE_SIZE - 1)) != 0,
            "omap_iommu_domain_init: BUG_ON(!IS_ALIGNED(omap_domain->pgtable, IOPGD_TABLE_SIZE))");
        uint pa = kmem.VirtToPhys(va);
        for (uint off = 0; off < IopgtableFormat.IOPGD_TABLE_SIZE; off += 4)
            kmem.Memory.WriteWord(pa + off, 0); // the z of kzalloc; clean_dcache_area is implicit
        domain.Priv = new OmapIommuDomain(pa);
        return 0;
    }

    /// <summary>
    /// omap_iommu_domain_destroy(domain): priv = NULL, kfree the table and the struct. Does not detach
    /// (§8.25): an attached IOMMU keeps walking the freed table.
    /// </summary>
    public void DomainDestroy(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        OmapIommuDomain omapDomain = Priv(domain);
        domain.Priv = null;
        _driver.KernelMemory.Kfree(_driver.KernelMemory.PhysToVirt(omapDomain.Pgtable));
    }

    /// <summary>
    /// omap_iommu_attach_dev(domain, dev) (3.3, §7.3): -EBUSY if the domain has a device; the IOMMU is
    /// looked up by dev->archdata.iommu->name and attached with the domain's table (its error returned);
    /// on success domain.iommu_dev = arch_data.iommu_dev = obj and obj.domain = domain. An unknown name
    /// makes omap_iommu_attach return NULL and the store through it oopses.
    /// </summary>
    public int AttachDev(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(dev);
        OmapIommuDomain omapDomain = Priv(domain);
        OmapIommuArchData archData = ArchData(dev);
        if (omapDomain.IommuDev is not null)
            return -Errno.EBUSY; // "iommu domain is already attached"

        ErrPtr<OmapIommuDevice> oiommu = _driver.Attach(archData.Name, omapDomain.Pgtable);
        if (oiommu.IsErr)
            return oiommu.PtrErr; // "can't get omap iommu"

        omapDomain.IommuDev = archData.IommuDev = oiommu.Value;
        OmapIommuDevice obj = oiommu.Value
            ?? throw new KernelBugException($"omap_iommu_attach_dev: NULL pointer dereference (oiommu->domain = domain; no IOMMU named \"{archData.Name}\")");
        obj.Domain = domain;
        return 0;
    }

    /// <summary>
    /// omap_iommu_detach_dev(domain, dev) (3.3, §7.3): returns if the domain's IOMMU is not
    /// dev_to_omap_iommu(dev); else clear-all (frees the L2 tables, zeroes L1, flushes the TLB),
    /// omap_iommu_detach, domain.iommu_dev = arch_data.iommu_dev = NULL. obj->domain and obj->mmap stay.
    /// </summary>
    public void DetachDev(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(dev);
        OmapIommuDomain omapDomain = Priv(domain);
        OmapIommuArchData archData = ArchData(dev);
        OmapIommuDevice? oiommu = archData.IommuDev; // dev_to_omap_iommu(dev)
        if (!ReferenceEquals(omapDomain.IommuDev, oiommu))
            return; // "invalid iommu device"

        OmapPageTable.ClearEntryAll(Attached(oiommu, "omap_iommu_detach_dev: iopgtable_clear_entry_all(NULL)").Instance);
        _driver.Detach(oiommu);
        omapDomain.IommuDev = archData.IommuDev = null;
    }

    /// <summary>
    /// omap_iommu_map(domain, da, pa, bytes, prot) (3.3, §7.3): dereferences the attached IOMMU first (none →
    /// oops); -EINVAL if bytes is not a page size; flags = code | prot, raw (prot 3 turns 4K into 16M);
    /// iotlb_init_entry and omap_iopgtable_store_entry, whose result (0, -EINVAL, -ENOMEM) is returned.
    /// </summary>
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        OmapIommuDevice oiommu = Attached(Priv(domain).IommuDev, "omap_iommu_map: oiommu->dev");
        int omapPgsz = IopgSize.BytesToIopgsz(size);
        if (omapPgsz < 0)
            return -Errno.EINVAL; // "invalid size to map"
        uint flags = (uint)omapPgsz | unchecked((uint)prot); // no prot translation (§7.3)
        _ = IotlbEntry.Init(out IotlbEntry e, iova, paddr, flags);
        return OmapPageTable.StoreEntry(oiommu.Instance, e); // prefetch_iotlb_entry is compiled out
    }

    /// <summary>
    /// omap_iommu_unmap(domain, da, size) (3.3, §7.3, §8.23): ignores size; returns iopgtable_clear_entry's
    /// byte count for the page covering da (0 only for an empty L1 entry; an empty PTE reports 4K).
    /// </summary>
    public uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        ArgumentNullException.ThrowIfNull(domain);
        OmapIommuDevice oiommu = Attached(Priv(domain).IommuDev, "omap_iommu_unmap: oiommu->dev");
        _ = size; // "unmapping da 0x%lx size %u" is only logged
        return OmapPageTable.ClearEntry(oiommu.Instance, iova);
    }

    /// <summary>omap_iommu_iova_to_phys(domain, da) (§7.3): the table translation through the attached IOMMU; 0 for empty or bogus entries.</summary>
    public uint IovaToPhys(IommuDomain domain, uint iova)
    {
        ArgumentNullException.ThrowIfNull(domain);
        OmapIommuDevice oiommu = Attached(Priv(domain).IommuDev, "omap_iommu_iova_to_phys: oiommu->dev");
        return OmapPageTable.IovaToPhys(oiommu.Instance, iova);
    }

    /// <summary>omap_iommu_domain_has_cap: always 0.</summary>
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;

    // domain->priv as struct omap_iommu_domain *; NULL (a destroyed domain) is dereferenced by every op.
    internal static OmapIommuDomain Priv(IommuDomain domain) =>
        domain.Priv as OmapIommuDomain ?? throw new KernelBugException("omap_iommu: NULL pointer dereference of domain->priv");

    // dev->archdata.iommu as struct omap_iommu_arch_data *; NULL is dereferenced (arch_data->name / ->iommu_dev).
    private static OmapIommuArchData ArchData(Device dev) =>
        dev.ArchDataIommu as OmapIommuArchData
        ?? throw new KernelBugException($"omap_iommu: NULL pointer dereference of {dev}->archdata.iommu");

    // The ops dereference omap_domain->iommu_dev without checking it (§7.3: no attach check).
    internal static OmapIommuDevice Attached(OmapIommuDevice? oiommu, string site) =>
        oiommu ?? throw new KernelBugException(site + ": NULL pointer dereference (no IOMMU attached)");
}
