using Legacy.Omap;
using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Legacy.Omap3isp;

/// <summary>
/// The IOMMU-relevant part of the CCDC sub-module of Linux 3.0 (ispccdc.c, struct isp_ccdc_device): the
/// lens-shading (LSC) gain tables with their request / active / free-queue life cycle, and the faulty-pixel
/// correction (FPC) table of ccdc_config with its table_old quirk (omap.md §6.1, §8.20).
/// </summary>
public sealed class IspCcdc
{
    /// <summary>ISPCCDC_FPC_FPCEN: bit 15 of ISPCCDC_FPC.</summary>
    public const uint ISPCCDC_FPC_FPCEN = 1u << 15;

    private readonly IspDevice _isp;
    private readonly List<IspLscRequest> _freeQueue = new();

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
    public uint FpcNum { get; private set; }

    /// <summary>ccdc->fpc.fpcaddr: the FPC table's da once configured, or the user pointer the quirk leaves behind (§8.20).</summary>
    public uint FpcAddr { get; private set; }

    /// <summary>The byte at <paramref name="offset"/> of the gain table the application passes to <see cref="LscConfig(uint)"/>.</summary>
    public static byte DefaultGainTableByte(uint offset) => unchecked((byte)((offset * 31) + 17));

    /// <summary>
    /// VIDIOC_OMAP3ISP_CCDC_CFG with the LSC configuration and table (ccdc_lsc_config): iommu_vmalloc of
    /// <paramref name="size"/> bytes, find_iovm_area for the sgt to dma_map_sg, da_to_va, copy of the gain table
    /// (<see cref="DefaultGainTableByte"/>), then the request replaces the pending one (which goes to the free
    /// queue). 0, -ENOMEM (vmalloc or lookup failure; size 0 included), -EFAULT.
    /// </summary>
    public int LscConfig(uint size) => LscConfigCore(size, userTable: null);

    /// <summary>As <see cref="LscConfig(uint)"/>, copying the gain table from the application's address <paramref name="userTable"/>.</summary>
    public int LscConfig(uint size, uint userTable) => LscConfigCore(size, userTable);

    /// <summary>
    /// The FPC part of ccdc_config: -EBUSY while streaming. Enabling copies the user's struct over ccdc->fpc,
    /// allocates fpnum × 4 bytes (iommu_vmalloc, -ENOMEM on failure), copies the table from
    /// <paramref name="userFpcaddr"/> (-EFAULT: the new table is vfree'd), then vfrees "table_old", which is
    /// the user pointer, not the previous table (omap.md §8.20). Disabling keeps the table allocated.
    /// </summary>
    public int FpcConfig(bool enable, uint fpnum, uint userFpcaddr)
    {
        // ccdc_config: the ALAW/LPF/BLCLAMP/BCOMP blocks are not part of this request.
        if (Streaming)
            return -Errno.EBUSY;

        FpcEnabled = enable;
        uint tableOld = 0;
        if (FpcEnabled)
        {
            // copy_from_user(&ccdc->fpc, ccdc_struct->fpc, sizeof(ccdc->fpc)) (the struct itself is readable).
            FpcNum = (ushort)fpnum; // struct omap3isp_ccdc_fpc.fpnum is a __u16
            FpcAddr = userFpcaddr;

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
            FpcAddr = tableNew;
        }

        ConfigureFpc();
        if (tableOld != 0)
            Iovmm.Vfree(Iommu, tableOld); // normally finds no area (or fails the alignment check): the old table leaks

        return 0; // ccdc_lsc_config with no LSC update bits
    }

    /// <summary>
    /// ccdc_set_stream(ISP_PIPELINE_STREAM_CONTINUOUS) from stopped: ccdc_configure applies the pending LSC
    /// request (LSC_TABLE_BASE = its table) or, if it cannot, queues it for freeing; 0.
    /// </summary>
    public int StreamOn()
    {
        if (Streaming)
            return 0;

        // ccdc_configure, "Lens shading correction" part.
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
    /// ccdc_set_stream(ISP_PIPELINE_STREAM_STOPPED) → ccdc_disable: frees the pending request, makes the
    /// active one pending again, then flushes the free queue (iommu_vfree of every superseded table); 0. The
    /// model's CCDC stops at once (no 2 s timeout).
    /// </summary>
    public int StreamOff()
    {
        if (!Streaming)
            return 0;

        LscFreeRequest(LscRequest);
        LscRequest = LscActive;
        LscActive = null;
        LscWorkPending = false; // cancel_work_sync
        FreeLscQueue();

        Streaming = false;
        return 0;
    }

    /// <summary>ccdc_lsc_free_table_work: the workqueue frees every request on the free queue.</summary>
    public void FlushFreeQueue()
    {
        LscWorkPending = false;
        FreeLscQueue();
    }

    /// <summary>
    /// omap3isp_ccdc_cleanup: frees the pending request and the free queue ("as the CCDC is stopped there's no
    /// active request"), then iommu_vfree(ccdc->fpc.fpcaddr) if non-zero.
    /// </summary>
    public void Cleanup()
    {
        LscFreeRequest(LscRequest);
        LscRequest = null;
        LscWorkPending = false; // cancel_work_sync
        FreeLscQueue();

        if (FpcAddr != 0)
            Iovmm.Vfree(Iommu, FpcAddr);
    }

    // omap3isp_ccdc_restore_context: ccdc_apply_controls, then ccdc_configure_fpc (FPC_ADDR rewritten).
    internal void RestoreContext() => ConfigureFpc();

    // isp->iommu as the kernel dereferences it: NULL is an oops, not an errno.
    private OmapIommu Iommu => _isp.Iommu ?? throw new KernelBugException("ispccdc: NULL isp->iommu dereference");

    private int LscConfigCore(uint size, uint? userTable)
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

        if (LscRequest is not null)
        {
            _freeQueue.Add(LscRequest);
            LscWorkPending = true; // schedule_work(&ccdc->lsc.table_work)
        }
        LscRequest = req;
        return 0;

    done:
        LscFreeRequest(req);
        return ret;
    }

    // __ccdc_lsc_configure: the model takes every enabled configuration as valid for the current format
    // (ccdc_lsc_validate_config checks offsets/paxels the model does not carry) and the engine as idle.
    private int LscConfigure(IspLscRequest req)
    {
        if (!req.Enable)
            return -Errno.EINVAL;
        // ccdc_lsc_setup_regs, ccdc_lsc_program_table
        _isp.Registers.CcdcLscTableBase = req.Table;
        return 0;
    }

    // ccdc_lsc_free_request: dma_unmap_sg, iommu_vfree(req->table), kfree.
    private void LscFreeRequest(IspLscRequest? req)
    {
        if (req is null)
            return;
        if (req.Table != 0)
            Iovmm.Vfree(Iommu, req.Table);
    }

    // ccdc_lsc_free_queue.
    private void FreeLscQueue()
    {
        while (_freeQueue.Count > 0)
        {
            IspLscRequest req = _freeQueue[0];
            _freeQueue.RemoveAt(0);
            LscFreeRequest(req);
        }
    }

    // ccdc_configure_fpc: FPCEN off, then (if enabled) FPC_ADDR, FPNUM, FPNUM | FPCEN.
    private void ConfigureFpc()
    {
        IspRegisters regs = _isp.Registers;
        regs.CcdcFpc &= ~ISPCCDC_FPC_FPCEN;
        if (!FpcEnabled)
            return;
        regs.CcdcFpcAddr = FpcAddr;
        regs.CcdcFpc = FpcNum; // "The FPNUM field must be set before enabling FPC."
        regs.CcdcFpc = FpcNum | ISPCCDC_FPC_FPCEN;
    }

    /// <inheritdoc />
    public override string ToString() => $"ccdc (lsc table 0x{LscTableDa:x8}, fpc 0x{FpcAddr:x8})";
}
