using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap;

/// <summary>
/// struct iommu of Linux 3.0 (plat/iommu.h) and the exported functions of arch/arm/plat-omap/iommu.c
/// that take it (omap.md §4). The page table and the iovma list belong to this object and survive
/// iommu_put/iommu_get (§8.19).
/// </summary>
public sealed class OmapIommu : OmapIommuObject
{
    internal OmapIommu(OmapIommuDriver driver, OmapIommuInstance instance)
        : base(instance) => Driver = driver;

    /// <summary>The platform driver this device is bound to (omap_iommu_driver).</summary>
    public OmapIommuDriver Driver { get; }

    /// <summary>obj->isr: the fault callback set by iommu_set_isr.</summary>
    public OmapIommuFaultCallback? Isr { get; internal set; }

    /// <summary>obj->isr_priv.</summary>
    public object? IsrPriv { get; internal set; }

    /// <summary>obj->da_start.</summary>
    public uint DaStart => Instance.DaStart;

    /// <summary>obj->da_end.</summary>
    public uint DaEnd => Instance.DaEnd;

    /// <summary>True while the device is bound (between probe and remove).</summary>
    public bool IsBound { get; internal set; }

    /// <summary>
    /// iommu_get(name): the MMU bound under <paramref name="name"/>; the first user enables it
    /// (soft reset, TTB, table walker on) and flushes its TLB. ERR_PTR(-ENODEV) for an unknown name;
    /// the enable error (-EINVAL, -ENODEV) otherwise, with the refcount restored.
    /// </summary>
    public static ErrPtr<OmapIommu> Get(OmapIommuDriver driver, string name)
    {
        ArgumentNullException.ThrowIfNull(driver);
        OmapIommu? obj = driver.FindDevice(name);
        if (obj is null)
            return ErrPtr<OmapIommu>.Error(-Errno.ENODEV);

        if (obj.Refcount++ == 0)
        {
            int err = driver.Enable(obj);
            if (err != 0)
            {
                obj.Refcount--;
                return ErrPtr<OmapIommu>.Error(err);
            }
            OmapTlb.FlushAll(obj.Instance);
        }
        // try_module_get(obj->owner): owner is never set (NULL), which always succeeds.
        return obj;
    }

    /// <summary>iommu_put(obj): NULL/error pointers are ignored; the last user disables the MMU. Mappings are kept.</summary>
    public static void Put(ErrPtr<OmapIommu> obj)
    {
        if (obj.IsErrOrNull)
            return;
        OmapIommu o = obj.Value!;
        if (--o.Refcount == 0)
            o.Driver.Disable(o);
    }

    /// <summary>
    /// iommu_set_da_range(obj, start, end): -EFAULT for NULL, -EINVAL when end &lt; start or
    /// PAGE_ALIGN(start | end) is 0 (not an alignment check, omap.md §8.10); no check against existing areas.
    /// </summary>
    public static int SetDaRange(OmapIommu? obj, uint start, uint end)
    {
        if (obj is null)
            return -Errno.EFAULT;
        if (end < start || KernelMemory.PageAlign(start | end) == 0)
            return -Errno.EINVAL;
        obj.Instance.DaStart = start;
        obj.Instance.DaEnd = end;
        return 0;
    }

    /// <summary>
    /// iommu_set_isr(name, isr, priv): -ENODEV for an unknown name, -EBUSY once the MMU has users
    /// (it must be set before the first get), else stores the callback.
    /// </summary>
    public static int SetIsr(OmapIommuDriver driver, string name, OmapIommuFaultCallback? isr, object? isrPriv)
    {
        ArgumentNullException.ThrowIfNull(driver);
        OmapIommu? obj = driver.FindDevice(name);
        if (obj is null)
            return -Errno.ENODEV;
        if (obj.Refcount != 0)
            return -Errno.EBUSY;
        obj.Isr = isr;
        obj.IsrPriv = isrPriv;
        return 0;
    }

    /// <summary>iommu_set_twl(obj, on): the arch op ignores <paramref name="on"/> and always turns the walker off (§8.9).</summary>
    public static void SetTwl(OmapIommu obj, bool on)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.Instance.Clock.Enable();
        obj.Instance.Arch.SetTwl(obj.Instance, on);
        obj.Instance.Clock.Disable();
    }

    /// <summary>iommu_save_ctx(obj): reads the 64 register words into obj->ctx; BUG unless REVISION is 0x11. No clock handling.</summary>
    public static void SaveCtx(OmapIommu obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.Instance.Arch.SaveCtx(obj.Instance);
    }

    /// <summary>iommu_restore_ctx(obj): writes all 64 saved words back, command registers included (§8.21).</summary>
    public static void RestoreCtx(OmapIommu obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        obj.Instance.Arch.RestoreCtx(obj.Instance);
    }

    /// <summary>load_iotlb_entry(obj, e): 0, -EINVAL or -EBUSY (see <see cref="OmapTlb.LoadIotlbEntry"/>).</summary>
    public static int LoadIotlbEntry(OmapIommu? obj, in IotlbEntry e) => OmapTlb.LoadIotlbEntry(obj?.Instance, e);

    /// <summary>flush_iotlb_page(obj, da).</summary>
    public static void FlushIotlbPage(OmapIommu obj, uint da) => OmapTlb.FlushPage(Checked(obj).Instance, da);

    /// <summary>flush_iotlb_range(obj, start, end).</summary>
    public static void FlushIotlbRange(OmapIommu obj, uint start, uint end) => OmapTlb.FlushRange(Checked(obj).Instance, start, end);

    /// <summary>flush_iotlb_all(obj).</summary>
    public static void FlushIotlbAll(OmapIommu obj) => OmapTlb.FlushAll(Checked(obj).Instance);

    /// <summary>iotlb_cr_to_virt(cr).</summary>
    public static uint IotlbCrToVirt(OmapIommu obj, CrRegs cr) => OmapTlb.CrToVirt(Checked(obj).Instance, cr);

    /// <summary>iotlb_cr_to_e(cr, e): BUG on a NULL cr.</summary>
    public static IotlbEntry IotlbCrToE(OmapIommu obj, CrRegs? cr)
    {
        Bug.On(cr is null, "iotlb_cr_to_e: BUG_ON(!cr || !e)");
        return OmapTlb.CrToE(Checked(obj).Instance, cr.Value);
    }

    /// <inheritdoc />
    public override string ToString() => $"iommu \"{Name}\" (refcount {Refcount})";

    private static OmapIommu Checked(OmapIommu obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj;
    }
}
