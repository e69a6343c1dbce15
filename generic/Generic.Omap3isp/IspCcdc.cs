using Generic.Iommu.Dma;
using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Generic.Omap3isp;

/// <summary>
/// The CCDC's IOMMU users (ispccdc.c, struct isp_ccdc_device): the lens-shading (LSC) gain table requests with
/// their request / active / free-queue life cycle, the faulty-pixel (FPC) table of ccdc_config, stream start/stop
/// and omap3isp_ccdc_cleanup (omap.md §6.1, §6.2, §8.20). Every table da also goes into its register
/// (<see cref="IspRegisters"/>).
/// </summary>
public sealed class IspCcdc
{
    /// <summary>ISPCCDC_FPC_FPCEN: bit 15 of ISPCCDC_FPC.</summary>
    public const uint ISPCCDC_FPC_FPCEN = 1u << 15;

    private readonly IspDevice _isp;
    private readonly List<IspLscRequest> _freeQueue = new();
    private IspFpcTable _fpc;

    internal IspCcdc(IspDevice isp) => _isp = isp;

    /// <summary>ccdc->state != ISP_PIPELINE_STREAM_STOPPED.</summary>
    public bool Streaming { get; private set; }

    /// <summary>ccdc->lsc.request: the configuration waiting to be applied, or null.</summary>
    public IspLscRequest? LscRequest { get; private set; }

    /// <summary>ccdc->lsc.active: the configuration the hardware uses, or null.</summary>
    public IspLscRequest? LscActive { get; private set; }

    /// <summary>ccdc->lsc.free_queue: superseded requests whose tables the workqueue has not freed yet.</summary>
    public IReadOnlyList<IspLscRequest> LscFreeQueue => _freeQueue;

    /// <summary>True while ccdc->lsc.table_work is scheduled and has not run.</summary>
    public bool LscWorkPending { get; private set; }

    /// <summary>The da of the active LSC table (what LSC_TABLE_BASE points at), 0 if none is active.</summary>
    public uint LscTableDa => LscActive?.Table ?? 0;

    /// <summary>ccdc->fpc_en.</summary>
    public bool FpcEnabled { get; private set; }

    /// <summary>ccdc->fpc.fpnum (__u16 in struct omap3isp_ccdc_fpc).</summary>
    public uint FpcNum => _fpc.Fpnum;

    /// <summary>
    /// ccdc->fpc.fpcaddr (3.3): the FPC table's da once configured, or the user pointer the quirk leaves behind
    /// (§8.20); ccdc->fpc.dma in the DMA port.
    /// </summary>
    public uint FpcAddr => _fpc.Fpcaddr;

    private IIspMemory Mem => _isp.Memory;

    /// <summary>The byte at <paramref name="offset"/> of the gain table the application passes to <see cref="LscConfig(uint)"/>.</summary>
    public static byte DefaultGainTableByte(uint offset) => unchecked((byte)((offset * 31) + 17));

    /// <summary>
    /// VIDIOC_OMAP3ISP_CCDC_CFG with the LSC configuration and table (ccdc_lsc_config): a table of
    /// <paramref name="size"/> bytes (3.3: omap_iommu_vmalloc, omap_find_iovm_area for the sgt to
    /// dma_map_sg(DMA_TO_DEVICE), omap_da_to_va for the copy; the DMA port: dma_alloc_coherent, whose kernel
    /// address replaces da_to_va), filled with the gain table (<see cref="DefaultGainTableByte"/>); the request
    /// then replaces the pending one, which goes to the free queue (the free-table work is scheduled, run by
    /// <see cref="FlushFreeQueue"/>). 0, -ENOMEM (allocation or lookup failure, size 0 included), -EFAULT.
    /// </summary>
    public int LscConfig(uint size) => LscConfigCore(size, userTable: null);

    /// <summary>As <see cref="LscConfig(uint)"/>, copying the gain table from the application's address <paramref name="userTable"/>.</summary>
    public int LscConfig(uint size, uint userTable) => LscConfigCore(size, userTable);

    /// <summary>
    /// ccdc_config, FPC part (OMAP3ISP_CCDC_FPC in update): -EBUSY unless the stream is stopped; fpc_en =
    /// <paramref name="enable"/>; when enabling, a table of fpnum × 4 bytes is allocated (-ENOMEM), filled from
    /// the user's table at <paramref name="userFpcaddr"/> (-EFAULT, the new table freed), programmed, and the old
    /// table freed. 3.3 keeps the quirk of omap.md §8.20: the user struct is copied over ccdc->fpc first, so the
    /// "old" table freed is the user pointer (omap_iommu_vfree finds nothing) and the previous table leaks. The
    /// DMA port frees the previous table, as the later driver does, because dma_free_coherent needs its size and
    /// kernel address. Disabling keeps the table allocated.
    /// </summary>
    public int FpcConfig(bool enable, uint fpnum, uint userFpcaddr)
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
    /// ccdc_set_stream(ISP_PIPELINE_STREAM_CONTINUOUS) from stopped: ccdc_configure applies the pending LSC
    /// request (LSC_TABLE_BASE = its table) or, if it cannot, queues it for freeing; 0. A request made while
    /// streaming stays pending (the LSC interrupt that would take it is not modelled).
    /// </summary>
    public int StreamOn()
    {
        if (Streaming)
            return 0;
        if (LscRequest is not null)
        {
            if (LscActive is null && LscConfigure(LscRequest) == 0)
            {
                LscActive = LscRequest;
            }
            else
            {
                _freeQueue.Add(LscRequest);
                LscWorkPending = true; // schedule_work(&ccdc->lsc.table_work)
            }
            LscRequest = null;
        }
        Streaming = true;
        return 0;
    }

    /// <summary>
    /// ccdc_set_stream(ISP_PIPELINE_STREAM_STOPPED) → ccdc_disable: frees the pending request, makes the active
    /// one pending again, then flushes the free queue (omap.md §6.1); 0.
    /// </summary>
    public int StreamOff()
    {
        if (!Streaming)
            return 0;
        FreeRequest(LscRequest);
        LscRequest = LscActive;
        LscActive = null;
        LscWorkPending = false; // cancel_work_sync
        FreeLscQueue();
        Streaming = false;
        return 0;
    }

    /// <summary>ccdc_lsc_free_table_work → ccdc_lsc_free_queue: frees every superseded request.</summary>
    public void FlushFreeQueue()
    {
        LscWorkPending = false;
        FreeLscQueue();
    }

    /// <summary>
    /// omap3isp_ccdc_cleanup: frees the pending request and the free queue ("as the CCDC is stopped there's no
    /// active request"), then the FPC table (3.3: omap_iommu_vfree(ccdc->fpc.fpcaddr) if non-zero).
    /// </summary>
    public void Cleanup()
    {
        const string fn = "omap3isp_ccdc_cleanup";
        FreeRequest(LscRequest);
        LscRequest = null;
        LscWorkPending = false; // cancel_work_sync
        FreeLscQueue();
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

    // omap3isp_ccdc_restore_context: ccdc_apply_controls, then ccdc_configure_fpc (FPC_ADDR rewritten).
    internal void RestoreContext() => ConfigureFpc();

    private int LscConfigCore(uint size, uint? userTable)
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
            FreeRequest(req); // done: ccdc_lsc_free_request
            return ret;
        }

        if (LscRequest is not null)
        {
            _freeQueue.Add(LscRequest);
            LscWorkPending = true; // schedule_work(&ccdc->lsc.table_work)
        }
        LscRequest = req;
        return 0;
    }

    // __ccdc_lsc_configure: every enabled configuration is taken as valid for the current format
    // (ccdc_lsc_validate_config checks offsets/paxels the model does not carry) and the engine as idle.
    private int LscConfigure(IspLscRequest req)
    {
        if (!req.Enable)
            return -Errno.EINVAL;
        _isp.Registers.CcdcLscTableBase = req.Table; // ccdc_lsc_setup_regs, ccdc_lsc_program_table
        return 0;
    }

    // ccdc_lsc_free_request: dma_unmap_sg of the iovm sgt (3.3), the table freed, kfree(req).
    private void FreeRequest(IspLscRequest? req)
    {
        const string fn = "ccdc_lsc_free_request";
        if (req is null)
            return;
        if (req.Iovm is not null && Mem is IovmmIspMemory iovmm)
            iovmm.DmaUnmapSg(fn, req.Iovm.Sgt!, DmaDataDirection.ToDevice);
        if (req.Table != 0)
            Mem.Free(fn, req.Table, req.KernelAddress, req.Size);
    }

    // ccdc_lsc_free_queue.
    private void FreeLscQueue()
    {
        while (_freeQueue.Count > 0)
        {
            IspLscRequest req = _freeQueue[0];
            _freeQueue.RemoveAt(0);
            FreeRequest(req);
        }
    }

    // ccdc_configure_fpc: FPCEN off, then (if enabled) FPC_ADDR, FPNUM, FPNUM | FPCEN.
    private void ConfigureFpc()
    {
        IspRegisters regs = _isp.Registers;
        regs.CcdcFpc &= ~ISPCCDC_FPC_FPCEN;
        if (!FpcEnabled)
            return;
        regs.CcdcFpcAddr = _fpc.Fpcaddr;
        regs.CcdcFpc = _fpc.Fpnum; // "The FPNUM field must be set before enabling FPC."
        regs.CcdcFpc = _fpc.Fpnum | ISPCCDC_FPC_FPCEN;
    }

    /// <inheritdoc />
    public override string ToString() => $"ccdc (lsc table 0x{LscTableDa:x8}, fpc 0x{FpcAddr:x8})";
}
