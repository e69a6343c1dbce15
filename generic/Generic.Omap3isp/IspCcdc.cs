using Generic.Iommu.Dma;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// The CCDC's IOMMU users after the port (ispccdc.c, struct isp_ccdc_device): the LSC request life cycle the port
/// left unchanged (<see cref="IspCcdcCore"/>) with the tables through the ISP's memory port, the faulty-pixel (FPC)
/// table of ccdc_config and omap3isp_ccdc_cleanup (omap.md §6.1, §6.2, §8.20). Every table da also goes into its register
/// (<see cref="IspRegisters"/>).
/// </summary>
public sealed class IspCcdc : IspCcdcCore
{
    private readonly IspDevice _isp;
    private IspFpcTable _fpc;

    internal IspCcdc(IspDevice isp)
        : base(isp.Registers)
    {
        _isp = isp;
    }

    /// <summary>ccdc->fpc.fpnum (__u16 in struct omap3isp_ccdc_fpc).</summary>
    public override uint FpcNum => _fpc.Fpnum;

    /// <summary>
    /// ccdc->fpc.fpcaddr (3.3): the FPC table's da once configured, or the user pointer the quirk leaves behind
    /// (§8.20); ccdc->fpc.dma in the DMA port.
    /// </summary>
    public override uint FpcAddr => _fpc.Fpcaddr;

    private IIspMemory Mem => _isp.Memory;

    /// <summary>
    /// ccdc_config, FPC part (OMAP3ISP_CCDC_FPC in update): -EBUSY unless the stream is stopped; fpc_en =
    /// <paramref name="enable"/>; when enabling, a table of fpnum × 4 bytes is allocated (-ENOMEM), filled from
    /// the user's table at <paramref name="userFpcaddr"/> (-EFAULT, the new table freed), programmed, and the old
    /// table freed. 3.3 keeps the quirk of omap.md §8.20: the user struct is copied over ccdc->fpc first, so the
    /// "old" table freed is the user pointer (omap_iommu_vfree finds nothing) and the previous table leaks. The
    /// DMA port frees the previous table, as the later driver does, because dma_free_coherent needs its size and
    /// kernel address. Disabling keeps the table allocated.
    /// </summary>
    public override int FpcConfig(bool enable, uint fpnum, uint userFpcaddr)
    {
        const string fn = "ccdc_config";
        if (Streaming)
            return -Errno.EBUSY;
        FpcEnabled = enable;
        KernelMemory kmem = _isp.Platform.KernelMemory;
        uint num = (ushort)fpnum; // struct omap3isp_ccdc_fpc.fpnum is a __u16

        if (Mem is IovmmIspMemory iovmm)
        {
            uint tableOld = 0;
            if (enable)
            {
                _fpc = new IspFpcTable(num, userFpcaddr, 0); // copy_from_user(&ccdc->fpc, ccdc_struct->fpc, ...)
                uint size = num * 4;
                // "table_new must be 64-bytes aligned, but it's already done by iommu_vmalloc()."
                uint tableNew = iovmm.Alloc(fn, size, out _);
                if (ErrValue.IsErrValue(tableNew))
                    return -Errno.ENOMEM;
                uint va = iovmm.DaToVa(fn, tableNew);
                if (UserCopy.CopyFromUser(kmem, _isp.Platform.UserSpace, va, userFpcaddr, size) != 0)
                {
                    iovmm.Free(fn, tableNew, va, size);
                    return -Errno.EFAULT; // ccdc->fpc keeps the user's struct: fpcaddr = the user pointer
                }
                tableOld = _fpc.Fpcaddr; // omap.md §8.20: the user pointer just copied, not the previous da
                _fpc = _fpc with { Fpcaddr = tableNew };
            }
            ConfigureFpc();
            if (tableOld != 0)
                iovmm.Free(fn, tableOld, 0, 0); // normally finds no area: the previous table leaks
            return 0;
        }

        // The DMA port (the later ccdc_config): the new table in a local struct, the previous one freed.
        IspFpcTable fpcOld = default;
        if (enable)
        {
            uint size = num * 4;
            uint dma = Mem.Alloc(fn, size, out uint va); // dma_alloc_coherent guarantees the 64-byte alignment
            if (ErrValue.IsErrValue(dma))
                return -Errno.ENOMEM;
            if (UserCopy.CopyFromUser(kmem, _isp.Platform.UserSpace, va, userFpcaddr, size) != 0)
            {
                Mem.Free(fn, dma, va, size);
                return -Errno.EFAULT;
            }
            fpcOld = _fpc;
            _fpc = new IspFpcTable(num, dma, va);
        }
        ConfigureFpc();
        if (fpcOld.Va != 0)
            Mem.Free(fn, fpcOld.Fpcaddr, fpcOld.Va, fpcOld.Fpnum * 4);
        return 0;
    }

    /// <summary>
    /// omap3isp_ccdc_cleanup: frees the pending request and the free queue ("as the CCDC is stopped there's no
    /// active request"), then the FPC table (3.3: omap_iommu_vfree(ccdc->fpc.fpcaddr) if non-zero).
    /// </summary>
    public override void Cleanup()
    {
        const string fn = "omap3isp_ccdc_cleanup";
        CleanupLsc();
        if (Mem is IovmmIspMemory)
        {
            if (_fpc.Fpcaddr != 0)
                Mem.Free(fn, _fpc.Fpcaddr, 0, 0);
        }
        else if (_fpc.Va != 0)
        {
            Mem.Free(fn, _fpc.Fpcaddr, _fpc.Va, _fpc.Fpnum * 4);
        }
        _fpc = default;
    }

    /// <summary>
    /// ccdc_lsc_config: a table of <paramref name="size"/> bytes (3.3: omap_iommu_vmalloc, omap_find_iovm_area for the
    /// sgt to dma_map_sg(DMA_TO_DEVICE), omap_da_to_va for the copy; the DMA port: dma_alloc_coherent, whose kernel
    /// address replaces da_to_va), filled with the gain table; the request then replaces the pending one, which goes
    /// to the free queue (the free-table work is scheduled, run by <see cref="IspCcdcEngine.FlushFreeQueue"/>).
    /// </summary>
    protected override int LscConfigCore(uint size, uint? userTable)
    {
        const string fn = "ccdc_lsc_config";
        KernelMemory kmem = _isp.Platform.KernelMemory;
        if (!kmem.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*req))
        // copy_from_user(&req->config, config->lsc_cfg, ...): the configuration struct is taken as readable.
        var req = new IspLscRequest(size) { Enable = true };
        int ret = 0;

        req.Table = Mem.Alloc(fn, size, out uint va);
        if (ErrValue.IsErrValue(req.Table))
        {
            req.Table = 0;
            ret = -Errno.ENOMEM;
        }
        else if (Mem is IovmmIspMemory iovmm)
        {
            req.Iovm = iovmm.FindIovmArea(fn, req.Table);
            if (req.Iovm is null)
            {
                ret = -Errno.ENOMEM;
            }
            else if (iovmm.DmaMapSg(fn, req.Iovm.Sgt!, DmaDataDirection.ToDevice) == 0)
            {
                ret = -Errno.ENOMEM;
                req.Iovm = null;
            }
            else
            {
                // dma_sync_sg_for_cpu; da_to_va gives the area start's kernel address (omap.md §8.17).
                req.KernelAddress = iovmm.DaToVa(fn, req.Table);
            }
        }
        else
        {
            req.KernelAddress = va; // the DMA port: dma_alloc_coherent's kernel address replaces da_to_va
        }

        if (ret == 0)
        {
            if (userTable is null)
                UserCopy.WriteKernel(kmem, req.KernelAddress, size, DefaultGainTableByte);
            else if (UserCopy.CopyFromUser(kmem, _isp.Platform.UserSpace, req.KernelAddress, userTable.Value, size) != 0)
                ret = -Errno.EFAULT;
            // dma_sync_sg_for_device
        }
        if (ret < 0)
        {
            LscFreeRequest(req); // done: ccdc_lsc_free_request
            return ret;
        }

        SubmitLscRequest(req);
        return 0;
    }

    /// <summary>ccdc_lsc_free_request: dma_unmap_sg of the iovm sgt (3.3), the table freed, kfree(req).</summary>
    protected override void LscFreeRequest(IspLscRequest? req)
    {
        const string fn = "ccdc_lsc_free_request";
        if (req is null)
            return;
        if (req.Iovm is not null && Mem is IovmmIspMemory iovmm)
            iovmm.DmaUnmapSg(fn, req.Iovm.Sgt!, DmaDataDirection.ToDevice);
        if (req.Table != 0)
            Mem.Free(fn, req.Table, req.KernelAddress, req.Size);
    }
}
