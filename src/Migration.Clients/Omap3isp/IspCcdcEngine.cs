using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// What ispccdc.c does the same in 3.0 and 3.3 (the port changed only how tables are allocated and freed): the
/// lens-shading (LSC) requests' life cycle — a new request replaces the pending one, stream start applies it
/// (LSC_TABLE_BASE) or queues it for freeing, stream stop makes the active one pending again, the free-table work
/// and cleanup empty the free queue — and ccdc_configure_fpc's register writes (omap.md §6.1). Each era supplies the
/// tables: ccdc_lsc_config's allocation, ccdc_lsc_free_request, the FPC part of ccdc_config and its cleanup.
/// </summary>
public abstract class IspCcdcEngine
{
    /// <summary>ISPCCDC_FPC_FPCEN: bit 15 of ISPCCDC_FPC.</summary>
    public const uint ISPCCDC_FPC_FPCEN = 1u << 15;

    private readonly IspRegisters _registers;
    private readonly List<IspLscRequest> _freeQueue = new();

    /// <summary>The CCDC of an ISP whose registers are <paramref name="registers"/>.</summary>
    protected IspCcdcEngine(IspRegisters registers)
    {
        ArgumentNullException.ThrowIfNull(registers);
        _registers = registers;
    }

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
    public bool FpcEnabled { get; protected set; }

    /// <summary>ccdc->fpc.fpnum (__u16 in struct omap3isp_ccdc_fpc).</summary>
    public abstract uint FpcNum { get; }

    /// <summary>ccdc->fpc.fpcaddr: the FPC table's da once configured (see the era for what else it can hold, omap.md §8.20).</summary>
    public abstract uint FpcAddr { get; }

    /// <summary>The byte at <paramref name="offset"/> of the gain table the application passes with an LSC configuration.</summary>
    public static byte DefaultGainTableByte(uint offset) => unchecked((byte)((offset * 31) + 17));

    /// <summary>
    /// ccdc_set_stream(ISP_PIPELINE_STREAM_CONTINUOUS) from stopped: ccdc_configure applies the pending LSC
    /// request (LSC_TABLE_BASE = its table) or, if it cannot, queues it for freeing; 0. A request made while
    /// streaming stays pending (the LSC interrupt that would take it is not modelled).
    /// </summary>
    public int StreamOn()
    {
        if (Streaming)
            return 0;
        // ccdc_configure, "Lens shading correction" part.
        if (LscRequest is not null)
        {
            if (LscActive is null && LscConfigure(LscRequest) == 0)
                LscActive = LscRequest;
            else
                QueueForFreeing(LscRequest);
            LscRequest = null;
        }
        Streaming = true;
        return 0;
    }

    /// <summary>
    /// ccdc_set_stream(ISP_PIPELINE_STREAM_STOPPED) → ccdc_disable: frees the pending request, makes the active
    /// one pending again, then flushes the free queue (every superseded table freed); 0. The model's CCDC stops
    /// at once (no 2 s timeout).
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

    /// <summary>ccdc_lsc_free_table_work → ccdc_lsc_free_queue: frees every superseded request.</summary>
    public void FlushFreeQueue()
    {
        LscWorkPending = false;
        FreeLscQueue();
    }

    /// <inheritdoc />
    public override string ToString() => $"ccdc (lsc table 0x{LscTableDa:x8}, fpc 0x{FpcAddr:x8})";

    /// <summary>ccdc_lsc_free_request: the era's unmap and free of the request's table (kfree(req) needs nothing).</summary>
    protected abstract void LscFreeRequest(IspLscRequest? req);

    /// <summary>The end of ccdc_lsc_config: <paramref name="req"/> replaces the pending request, which goes to the free queue.</summary>
    protected void SubmitLscRequest(IspLscRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (LscRequest is not null)
            QueueForFreeing(LscRequest);
        LscRequest = req;
    }

    /// <summary>
    /// omap3isp_ccdc_cleanup, LSC part: frees the pending request and the free queue ("as the CCDC is stopped
    /// there's no active request").
    /// </summary>
    protected void CleanupLsc()
    {
        LscFreeRequest(LscRequest);
        LscRequest = null;
        LscWorkPending = false; // cancel_work_sync
        FreeLscQueue();
    }

    /// <summary>ccdc_configure_fpc: FPCEN off, then (if enabled) FPC_ADDR, FPNUM, FPNUM | FPCEN.</summary>
    protected void ConfigureFpc()
    {
        _registers.CcdcFpc &= ~ISPCCDC_FPC_FPCEN;
        if (!FpcEnabled)
            return;
        _registers.CcdcFpcAddr = FpcAddr;
        _registers.CcdcFpc = FpcNum; // "The FPNUM field must be set before enabling FPC."
        _registers.CcdcFpc = FpcNum | ISPCCDC_FPC_FPCEN;
    }

    private void QueueForFreeing(IspLscRequest req)
    {
        _freeQueue.Add(req);
        LscWorkPending = true; // schedule_work(&ccdc->lsc.table_work)
    }

    // __ccdc_lsc_configure: every enabled configuration is taken as valid for the current format
    // (ccdc_lsc_validate_config checks offsets/paxels the model does not carry) and the engine as idle.
    private int LscConfigure(IspLscRequest req)
    {
        if (!req.Enable)
            return -Errno.EINVAL;
        _registers.CcdcLscTableBase = req.Table; // ccdc_lsc_setup_regs, ccdc_lsc_program_table
        return 0;
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
}
