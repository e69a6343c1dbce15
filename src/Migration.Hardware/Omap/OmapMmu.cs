using Migration.Hardware.Memory;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Hardware.Omap;

/// <summary>
/// The OMAP2/3/4 MMU device (omap.md §2): its 256-byte register window, an N-entry TLB with
/// LOCK base/victim, the hardware table walker reading the tables from <see cref="PhysicalMemory"/>,
/// and fault reporting through IRQSTATUS / FAULT_AD and its interrupt line. Register accesses and
/// device translations are serialised by a private lock, as the interconnect serialises bus accesses
/// (each access is atomic; multi-access sequences such as a TLB scan are not).
/// </summary>
public sealed class OmapMmu
{
    private readonly OmapTlbEntry[] _tlb;
    private readonly Lock _bus = new(); // one register access or translation at a time (System.Threading.Lock: no sync block)
    private uint _sysconfig;
    private uint _sysstatus = MMU_SYS_RESETDONE; // power-on reset has completed
    private uint _irqstatus;
    private uint _irqenable;
    private uint _cntl;
    private uint _faultAd;
    private uint _ttb;
    private uint _lock;
    private uint _cam;
    private uint _ram;

    /// <summary>Creates the MMU described by <paramref name="config"/>, walking tables in <paramref name="memory"/>.</summary>
    public OmapMmu(OmapMmuConfig config, PhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(memory);
        if (config.NrTlbEntries is < 1 or > 32)
            throw new ArgumentException($"{config.Name}: a TLB has 1..32 entries (5-bit LOCK fields), not {config.NrTlbEntries}");
        Config = config;
        Memory = memory;
        _tlb = new OmapTlbEntry[config.NrTlbEntries];
        Interrupt = new InterruptLine(config.Irq);
        Clock = new HardwareClock(config.ClockName);
    }

    /// <summary>The instance description (name, base, IRQ, TLB size, da range).</summary>
    public OmapMmuConfig Config { get; }

    /// <summary>The memory the walker reads.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The MMU's interrupt line.</summary>
    public InterruptLine Interrupt { get; }

    /// <summary>The MMU's interface clock.</summary>
    public HardwareClock Clock { get; }

    /// <summary>Number of TLB entries.</summary>
    public int TlbEntries => _tlb.Length;

    /// <summary>
    /// Fault injection: when true, a soft reset never sets SYSSTATUS.RESETDONE (the enable sequence's
    /// 20 ms poll then times out with -ENODEV, omap.md §2.6).
    /// </summary>
    public bool ResetHangs { get; set; }

    /// <summary>Read-only view of TLB entry <paramref name="index"/> (what a JTAG debugger would show).</summary>
    public OmapTlbEntry PeekTlb(int index) => _tlb[index];

    /// <summary>True when CNTL.MMU_EN is set.</summary>
    public bool IsEnabled => (_cntl & MMU_CNTL_MMU_EN) != 0;

    /// <summary>True when CNTL.TWL_EN is set.</summary>
    public bool TableWalkerEnabled => (_cntl & MMU_CNTL_TWL_EN) != 0;

    /// <summary>CPU read of the register at <paramref name="offset"/> (__raw_readl(regbase + offset)).</summary>
    /// <remarks>
    /// Reads take no lock: each one loads a single 32-bit field (READ_CAM/READ_RAM load one word of the entry LOCK.VICT
    /// names), so it is atomic and sees the state before or after any concurrent write or translation, as a serialised
    /// bus access would. A TLB scan (flush_iotlb_page) does three reads per entry, and the lock was most of its cost.
    /// </remarks>
    public uint Read(uint offset)
    {
        CheckOffset(offset);
        return ReadRegister(offset);
    }

    private uint ReadRegister(uint offset) =>
        offset switch
        {
            MMU_REVISION => RevisionValue,
            MMU_SYSCONFIG => _sysconfig,
            MMU_SYSSTATUS => _sysstatus,
            MMU_IRQSTATUS => _irqstatus,
            MMU_IRQENABLE => _irqenable,
            MMU_CNTL => _cntl,
            MMU_FAULT_AD => _faultAd,
            MMU_TTB => _ttb,
            MMU_LOCK => _lock,
            MMU_CAM => _cam,
            MMU_RAM => _ram,
            MMU_READ_CAM => _tlb[VictimIndex].Cam,
            MMU_READ_RAM => _tlb[VictimIndex].Ram,
            // WALKING_ST, EMU_FAULT_AD, the command registers and reserved words read 0.
            _ => 0,
        };

    /// <summary>CPU write of the register at <paramref name="offset"/> (__raw_writel(value, regbase + offset)).</summary>
    public void Write(uint offset, uint value)
    {
        CheckOffset(offset);
        // LOCK, CAM and RAM are plain stores (a TLB scan writes LOCK once per entry): no lock, as for reads. Only the
        // TLB fill of a translation also writes LOCK, and it advances the victim with a compare-and-swap (AdvanceVictim),
        // so a CPU store is never lost in between. Every other register changes several fields and takes the lock.
        switch (offset)
        {
            case MMU_LOCK:
                Volatile.Write(ref _lock, value & (MMU_LOCK_BASE_MASK | MMU_LOCK_VICT_MASK));
                return;
            case MMU_CAM:
                _cam = value;
                return;
            case MMU_RAM:
                _ram = value;
                return;
        }
        lock (_bus)
            WriteLocked(offset, value);
    }

    private void WriteLocked(uint offset, uint value)
    {
        switch (offset)
        {
            case MMU_SYSCONFIG:
                if ((value & MMU_SYS_SOFTRESET) != 0)
                    SoftReset();
                else
                    _sysconfig = value & (MMU_SYS_AUTOIDLE | MMU_SYS_IDLE_MASK);
                break;
            case MMU_IRQSTATUS:
                _irqstatus &= ~(value & MMU_IRQ_MASK);
                break;
            case MMU_IRQENABLE:
                _irqenable = value & MMU_IRQ_MASK;
                break;
            case MMU_CNTL:
                _cntl = value & MMU_CNTL_MASK;
                break;
            case MMU_TTB:
                _ttb = value;
                break;
            case MMU_LD_TLB:
                if ((value & 1) != 0)
                    _tlb[VictimIndex] = new OmapTlbEntry { Cam = _cam, Ram = _ram };
                break;
            case MMU_GFLUSH:
                if ((value & 1) != 0)
                    Array.Clear(_tlb);
                break;
            case MMU_FLUSH_ENTRY:
                if ((value & 1) != 0)
                    FlushEntriesMatching(_cam);
                break;
            default:
                break; // read-only and reserved registers ignore writes
        }
    }

    /// <summary>
    /// A device (DMA) access to <paramref name="da"/>: TLB lookup, then the table walker on a miss when
    /// enabled; a fault sets IRQSTATUS and FAULT_AD and raises the interrupt if that cause is enabled.
    /// </summary>
    public OmapMmuTranslation Translate(uint da)
    {
        lock (_bus)
            return TranslateLocked(da);
    }

    private OmapMmuTranslation TranslateLocked(uint da)
    {
        if (!IsEnabled)
            return new OmapMmuTranslation(OmapMmuOutcome.Bypass, da, 0, 0, 0);

        int hit = -1;
        for (int i = 0; i < _tlb.Length; i++)
        {
            if (!_tlb[i].Matches(da))
                continue;
            if (hit >= 0)
                return RaiseFault(da, MMU_IRQ_MULTIHITFAULT);
            hit = i;
        }
        if (hit >= 0)
            return Translated(OmapMmuOutcome.TlbHit, _tlb[hit], da);

        if (!TableWalkerEnabled)
            return RaiseFault(da, MMU_IRQ_TLBMISS);
        if (!OmapTableWalker.Walk(Memory, _ttb, da, out OmapTlbEntry walked))
            return RaiseFault(da, MMU_IRQ_TRANSLATIONFAULT); // the TRM's name for an empty descriptor (§2.5)

        int victim = VictimIndex;
        _tlb[victim] = walked;
        AdvanceVictim();
        return Translated(OmapMmuOutcome.Walked, walked, da);
    }

    private static OmapMmuTranslation Translated(OmapMmuOutcome outcome, in OmapTlbEntry e, uint da)
    {
        uint mask = e.TagMask;
        uint pa = (e.Ram & mask) | (da & ~mask);
        return new OmapMmuTranslation(outcome, pa, ~mask + 1, e.Ram & (MMU_RAM_ENDIAN_MASK | MMU_RAM_ELSZ_MASK | MMU_RAM_MIXED), 0);
    }

    private OmapMmuTranslation RaiseFault(uint da, uint cause)
    {
        _irqstatus |= cause;
        _faultAd = da;
        if ((_irqenable & cause) != 0)
            Interrupt.Raise();
        return new OmapMmuTranslation(OmapMmuOutcome.Fault, 0, 0, 0, cause);
    }

    private int VictimIndex
    {
        get
        {
            int v = (int)((_lock & MMU_LOCK_VICT_MASK) >> MMU_LOCK_VICT_SHIFT);
            return v < _tlb.Length ? v : _tlb.Length - 1;
        }
    }

    private void AdvanceVictim()
    {
        uint seen, advanced;
        do
        {
            seen = Volatile.Read(ref _lock);
            int baseIndex = (int)((seen & MMU_LOCK_BASE_MASK) >> MMU_LOCK_BASE_SHIFT);
            int victim = Math.Min((int)((seen & MMU_LOCK_VICT_MASK) >> MMU_LOCK_VICT_SHIFT), _tlb.Length - 1);
            int next = victim + 1;
            if (next >= _tlb.Length)
                next = Math.Min(baseIndex, _tlb.Length - 1); // round robin over the unlocked entries
            advanced = (seen & ~MMU_LOCK_VICT_MASK) | ((uint)next << MMU_LOCK_VICT_SHIFT);
        }
        while (Interlocked.CompareExchange(ref _lock, advanced, seen) != seen);
    }

    private void FlushEntriesMatching(uint cam)
    {
        for (int i = 0; i < _tlb.Length; i++)
        {
            if (_tlb[i].Matches(cam & MMU_CAM_VATAG_MASK))
                _tlb[i] = default;
        }
    }

    private void SoftReset()
    {
        Array.Clear(_tlb);
        _sysconfig = 0;
        _irqstatus = 0;
        _irqenable = 0;
        _cntl = 0;
        _faultAd = 0;
        _ttb = 0;
        _lock = 0;
        _cam = 0;
        _ram = 0;
        _sysstatus = ResetHangs ? 0 : MMU_SYS_RESETDONE;
    }

    private static void CheckOffset(uint offset)
    {
        if (offset >= MMU_REG_SIZE || (offset & 3) != 0)
            throw new ArgumentOutOfRangeException(nameof(offset), $"0x{offset:x} is outside the 256-byte MMU window or not word aligned");
    }
}
