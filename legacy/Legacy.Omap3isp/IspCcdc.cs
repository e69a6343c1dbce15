using Legacy.Omap;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// The IOMMU-relevant part of the CCDC sub-module of Linux 3.0 (ispccdc.c, struct isp_ccdc_device): the LSC request
/// life cycle the port left unchanged (<see cref="IspCcdcCore"/>) with 3.0's tables on the vendor iovmm API, and
/// the faulty-pixel correction (FPC) table of ccdc_config with its table_old quirk (omap.md §6.1, §8.20).
/// </summary>
public sealed class IspCcdc : IspCcdcCore
{
    private readonly IspDevice _isp;
    private uint _fpcNum;
    private uint _fpcAddr;

    internal IspCcdc(IspDevice isp)
        : base(isp.Registers)
    {
        _isp = isp;
    }

    /// <summary>ccdc->fpc.fpnum (__u16 in struct omap3isp_ccdc_fpc).</summary>
    public override uint FpcNum => _fpcNum;

    /// <summary>ccdc->fpc.fpcaddr: the FPC table's da once configured, or the user pointer the quirk leaves behind (§8.20).</summary>
    public override uint FpcAddr => _fpcAddr;

    /// <summary>
    /// The FPC part of ccdc_config: -EBUSY while streaming. Enabling copies the user's struct over ccdc->fpc,
    /// allocates fpnum × 4 bytes (iommu_vmalloc, -ENOMEM on failure), copies the table from
    /// <paramref name="userFpcaddr"/> (-EFAULT: the new table is vfree'd), then vfrees "table_old", which is
    /// the user pointer, not the previous table (omap.md §8.20). Disabling keeps the table allocated.
    /// </summary>
    public override int FpcConfig(bool enable, uint fpnum, uint userFpcaddr)
    {
        // ccdc_config: the ALAW/LPF/BLCLAMP/BCOMP blocks are not part of this request.
        if (Streaming)
            return -Errno.EBUSY;

        FpcEnabled = enable;
        uint tableOld = 0;
        if (FpcEnabled)
        {
            // copy_from_user(&ccdc->fpc, ccdc_struct->fpc, sizeof(ccdc->fpc)) (the struct itself is readable).
            _fpcNum = (ushort)fpnum; // struct omap3isp_ccdc_fpc.fpnum is a __u16
            _fpcAddr = userFpcaddr;

            // "table_new must be 64-bytes aligned, but it's already done by iommu_vmalloc()."
            uint size = FpcNum * 4;
            uint tableNew = Iovmm.Vmalloc(_isp.Iommu, 0, size, IspMmu.IOMMU_FLAG);
            if (ErrValue.IsErrValue(tableNew))
                return -Errno.ENOMEM;

            uint va = Iovmm.DaToVa(Iommu, tableNew);
            if (UserCopy.CopyFromUser(_isp.Platform.KernelMemory, _isp.Platform.UserSpace, va, FpcAddr, size) != 0)
            {
                Iovmm.Vfree(Iommu, tableNew);
                return -Errno.EFAULT; // ccdc->fpc keeps the user's struct, fpcaddr = the user pointer
            }

            tableOld = FpcAddr; // omap.md §8.20: the user pointer just copied, not the previous da
            _fpcAddr = tableNew;
        }

        ConfigureFpc();
        if (tableOld != 0)
            Iovmm.Vfree(Iommu, tableOld); // normally finds no area (or fails the alignment check): the old table leaks

        return 0; // ccdc_lsc_config with no LSC update bits
    }

    /// <summary>
    /// omap3isp_ccdc_cleanup: frees the pending request and the free queue ("as the CCDC is stopped there's no
    /// active request"), then iommu_vfree(ccdc->fpc.fpcaddr) if non-zero.
    /// </summary>
    public override void Cleanup()
    {
        CleanupLsc();
        if (FpcAddr != 0)
            Iovmm.Vfree(Iommu, FpcAddr);
    }

    // isp->iommu as the kernel dereferences it: NULL is an oops, not an errno.
    private OmapIommu Iommu => _isp.Iommu ?? throw new KernelBugException("ispccdc: NULL isp->iommu dereference");

    /// <summary>
    /// ccdc_lsc_config: iommu_vmalloc of <paramref name="size"/> bytes, find_iovm_area for the sgt to dma_map_sg,
    /// da_to_va, copy of the gain table, then the request replaces the pending one. 0, -ENOMEM (vmalloc or lookup
    /// failure; size 0 included), -EFAULT.
    /// </summary>
    protected override int LscConfigCore(uint size, uint? userTable)
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        if (!kmem.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*req))

        // copy_from_user(&req->config, config->lsc_cfg, ...): the configuration struct is taken as readable.
        var req = new IspLscRequest(size) { Enable = true };
        int ret;

        uint table = Iovmm.Vmalloc(_isp.Iommu, 0, size, IspMmu.IOMMU_FLAG);
        if (ErrValue.IsErrValue(table))
        {
            req.Table = 0;
            ret = -Errno.ENOMEM;
            goto done;
        }
        req.Table = table;

        req.Iovm = Iovmm.FindIovmArea(Iommu, req.Table);
        if (req.Iovm is null)
        {
            ret = -Errno.ENOMEM;
            goto done;
        }

        // dma_map_sg(iovm->sgt, DMA_TO_DEVICE) on ARM's direct mapping: dma_address = sg_phys, never 0 entries.
        SgTable sgt = req.Iovm.Sgt!;
        for (int i = 0; i < sgt.Nents; i++)
            sgt.Sgl[i].DmaAddress = sgt.Sgl[i].Phys;

        // dma_sync_sg_for_cpu; da_to_va gives the area start's kernel address (omap.md §8.17).
        req.KernelAddress = Iovmm.DaToVa(Iommu, req.Table);
        if (userTable is null)
        {
            UserCopy.WriteKernel(kmem, req.KernelAddress, size, DefaultGainTableByte);
        }
        else if (UserCopy.CopyFromUser(kmem, _isp.Platform.UserSpace, req.KernelAddress, userTable.Value, size) != 0)
        {
            ret = -Errno.EFAULT;
            goto done;
        }
        // dma_sync_sg_for_device

        SubmitLscRequest(req);
        return 0;

    done:
        LscFreeRequest(req);
        return ret;
    }

    /// <summary>ccdc_lsc_free_request: dma_unmap_sg (cache maintenance only on ARM), iommu_vfree(req->table), kfree.</summary>
    protected override void LscFreeRequest(IspLscRequest? req)
    {
        if (req is null)
            return;
        if (req.Table != 0)
            Iovmm.Vfree(Iommu, req.Table);
    }
}
