using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Omap;

/// <summary>
/// The TLB functions of arch/arm/plat-omap/iommu.c (omap.md §2.3, §4.4): LOCK access, CR read/load,
/// load_iotlb_entry, flush_iotlb_page/range/all, iotlb_cr_to_virt/e. Unchanged from 3.0 to 3.3
/// (3.2 made most of them static).
/// </summary>
public static class OmapTlb
{
    /// <summary>iotlb_lock_get: reads LOCK into base/vict.</summary>
    public static IotlbLock LockGet(OmapIommuInstance obj)
    {
        uint val = obj.ReadReg(MMU_LOCK);
        return new IotlbLock((int)((val & MMU_LOCK_BASE_MASK) >> MMU_LOCK_BASE_SHIFT), (int)((val & MMU_LOCK_VICT_MASK) >> MMU_LOCK_VICT_SHIFT));
    }

    /// <summary>iotlb_lock_set: writes base/vict into LOCK.</summary>
    public static void LockSet(OmapIommuInstance obj, IotlbLock l) =>
        obj.WriteReg(((uint)l.Base << MMU_LOCK_BASE_SHIFT) | ((uint)l.Vict << MMU_LOCK_VICT_SHIFT), MMU_LOCK);

    /// <summary>iotlb_load_cr: CAM|V and RAM, then FLUSH_ENTRY = 1 and LD_TLB = 1 (entry lands at LOCK.VICT).</summary>
    public static void LoadCr(OmapIommuInstance obj, CrRegs cr)
    {
        obj.Arch.TlbLoadCr(obj, cr);
        obj.WriteReg(1, MMU_FLUSH_ENTRY);
        obj.WriteReg(1, MMU_LD_TLB);
    }

    /// <summary>__iotlb_read_cr(obj, n): sets LOCK.VICT = n (keeping BASE) and reads that entry's CR.</summary>
    public static CrRegs ReadCr(OmapIommuInstance obj, int n)
    {
        IotlbLock l = LockGet(obj);
        LockSet(obj, l with { Vict = n });
        return obj.Arch.TlbReadCr(obj);
    }

    /// <summary>
    /// load_iotlb_entry (omap.md §4.4): loads <paramref name="e"/> into the TLB, as a preserved entry at
    /// BASE when e.prsvd is set, else into the first invalid entry. 0, -EINVAL or -EBUSY (full).
    /// </summary>
    public static int LoadIotlbEntry(OmapIommuInstance? obj, in IotlbEntry e)
    {
        if (obj is null || obj.NrTlbEntries == 0)
            return -Errno.EINVAL;

        obj.Clock.Enable();
        try
        {
            IotlbLock l = LockGet(obj);
            if (l.Base == obj.NrTlbEntries)
                return -Errno.EBUSY; // "preserve entries full"

            if (e.Prsvd == 0)
            {
                int i;
                for (i = 0; i < obj.NrTlbEntries; i++)
                {
                    if (!ReadCr(obj, i).IsValid)
                        break;
                }
                if (i == obj.NrTlbEntries)
                    return -Errno.EBUSY; // "full: no entry"
                l = LockGet(obj);
            }
            else
            {
                l = l with { Vict = l.Base };
                LockSet(obj, l);
            }

            int err = obj.Arch.AllocCr(obj, e, out CrRegs cr);
            if (err != 0)
                return err;
            LoadCr(obj, cr);

            int newBase = e.Prsvd != 0 ? l.Base + 1 : l.Base;
            int vict = l.Vict + 1;
            if (vict == obj.NrTlbEntries)
                vict = newBase;
            LockSet(obj, new IotlbLock(newBase, vict));
            return 0;
        }
        finally
        {
            obj.Clock.Disable();
        }
    }

    /// <summary>
    /// flush_iotlb_page(obj, da): scans every entry (leaving LOCK.VICT = N-1) and invalidates each valid
    /// entry whose page contains da, by reloading it and writing FLUSH_ENTRY (omap.md §4.4, §8.6).
    /// </summary>
    public static void FlushPage(OmapIommuInstance obj, uint da)
    {
        obj.TlbFlushes++;
        obj.Clock.Enable();
        for (int i = 0; i < obj.NrTlbEntries; i++)
        {
            CrRegs cr = ReadCr(obj, i);
            if (!cr.IsValid)
                continue;
            uint start = obj.Arch.CrToVirt(cr);
            uint bytes = IopgSize.IopgszToBytes(cr.Cam & 3);
            if (start <= da && da < unchecked(start + bytes)) // u32: wraps for the top 16M, as in the kernel
            {
                LoadCr(obj, cr);
                obj.WriteReg(1, MMU_FLUSH_ENTRY);
            }
        }
        obj.Clock.Disable();
    }

    /// <summary>flush_iotlb_range(obj, start, end): flush_iotlb_page for every 4 KiB step while da &lt; end.</summary>
    public static void FlushRange(OmapIommuInstance obj, uint start, uint end)
    {
        uint da = start;
        while (da < end)
        {
            FlushPage(obj, da);
            uint next = unchecked(da + IopgtableFormat.IOPTE_SIZE);
            if (next < da)
                throw new KernelBugException($"flush_iotlb_range(0x{start:x8}, 0x{end:x8}): da wraps past 0xFFFFF000 and the loop never ends");
            da = next;
        }
    }

    /// <summary>flush_iotlb_all: LOCK = 0 (drops the locked entries) and GFLUSH = 1.</summary>
    public static void FlushAll(OmapIommuInstance obj)
    {
        obj.TlbFlushes++;
        obj.Clock.Enable();
        LockSet(obj, new IotlbLock(0, 0));
        obj.WriteReg(1, MMU_GFLUSH);
        obj.Clock.Disable();
    }

    /// <summary>iotlb_cr_to_virt(cr).</summary>
    public static uint CrToVirt(OmapIommuInstance obj, CrRegs cr) => obj.Arch.CrToVirt(cr);

    /// <summary>iotlb_cr_to_e(cr, e).</summary>
    public static IotlbEntry CrToE(OmapIommuInstance obj, CrRegs cr) => obj.Arch.CrToE(cr);
}
