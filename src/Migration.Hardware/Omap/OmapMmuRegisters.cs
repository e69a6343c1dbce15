namespace Migration.Hardware.Omap;

/// <summary>Register offsets and bit fields of the OMAP2/3/4 MMU (plat/iommu2.h; omap.md §2.2).</summary>
public static class OmapMmuRegisters
{
    /// <summary>Size of the register window (MMU_REG_SIZE).</summary>
    public const uint MMU_REG_SIZE = 0x100;

    /// <summary>MMU_REVISION (read only).</summary>
    public const uint MMU_REVISION = 0x00;
    /// <summary>MMU_SYSCONFIG.</summary>
    public const uint MMU_SYSCONFIG = 0x10;
    /// <summary>MMU_SYSSTATUS (read only).</summary>
    public const uint MMU_SYSSTATUS = 0x14;
    /// <summary>MMU_IRQSTATUS (write 1 to clear).</summary>
    public const uint MMU_IRQSTATUS = 0x18;
    /// <summary>MMU_IRQENABLE.</summary>
    public const uint MMU_IRQENABLE = 0x1C;
    /// <summary>MMU_WALKING_ST (read only).</summary>
    public const uint MMU_WALKING_ST = 0x40;
    /// <summary>MMU_CNTL.</summary>
    public const uint MMU_CNTL = 0x44;
    /// <summary>MMU_FAULT_AD (read only): the faulting da.</summary>
    public const uint MMU_FAULT_AD = 0x48;
    /// <summary>MMU_TTB: physical address of the L1 table.</summary>
    public const uint MMU_TTB = 0x4C;
    /// <summary>MMU_LOCK: TLB base and victim.</summary>
    public const uint MMU_LOCK = 0x50;
    /// <summary>MMU_LD_TLB: write 1 to load CAM/RAM into the victim entry.</summary>
    public const uint MMU_LD_TLB = 0x54;
    /// <summary>MMU_CAM.</summary>
    public const uint MMU_CAM = 0x58;
    /// <summary>MMU_RAM.</summary>
    public const uint MMU_RAM = 0x5C;
    /// <summary>MMU_GFLUSH: write 1 to invalidate the whole TLB.</summary>
    public const uint MMU_GFLUSH = 0x60;
    /// <summary>MMU_FLUSH_ENTRY: write 1 to invalidate entries matching the VA tag in MMU_CAM.</summary>
    public const uint MMU_FLUSH_ENTRY = 0x64;
    /// <summary>MMU_READ_CAM: CAM of the entry at LOCK.VICT.</summary>
    public const uint MMU_READ_CAM = 0x68;
    /// <summary>MMU_READ_RAM: RAM of the entry at LOCK.VICT.</summary>
    public const uint MMU_READ_RAM = 0x6C;
    /// <summary>MMU_EMU_FAULT_AD (read only).</summary>
    public const uint MMU_EMU_FAULT_AD = 0x70;

    /// <summary>The revision this MMU reports (and iommu_arch_version returns).</summary>
    public const uint RevisionValue = 0x11;

    /// <summary>SYSCONFIG AUTOIDLE.</summary>
    public const uint MMU_SYS_AUTOIDLE = 1 << 0;
    /// <summary>SYSCONFIG SOFTRESET.</summary>
    public const uint MMU_SYS_SOFTRESET = 1 << 1;
    /// <summary>SYSCONFIG IDLEMODE field shift.</summary>
    public const int MMU_SYS_IDLE_SHIFT = 3;
    /// <summary>SYSCONFIG IDLEMODE field mask.</summary>
    public const uint MMU_SYS_IDLE_MASK = 3 << MMU_SYS_IDLE_SHIFT;
    /// <summary>IDLEMODE force-idle.</summary>
    public const uint MMU_SYS_IDLE_FORCE = 0 << MMU_SYS_IDLE_SHIFT;
    /// <summary>IDLEMODE no-idle.</summary>
    public const uint MMU_SYS_IDLE_NONE = 1 << MMU_SYS_IDLE_SHIFT;
    /// <summary>IDLEMODE smart-idle.</summary>
    public const uint MMU_SYS_IDLE_SMART = 2 << MMU_SYS_IDLE_SHIFT;
    /// <summary>SYSSTATUS RESETDONE.</summary>
    public const uint MMU_SYS_RESETDONE = 1 << 0;

    /// <summary>IRQ cause: TLB miss.</summary>
    public const uint MMU_IRQ_TLBMISS = 1 << 0;
    /// <summary>IRQ cause: translation fault (empty descriptor).</summary>
    public const uint MMU_IRQ_TRANSLATIONFAULT = 1 << 1;
    /// <summary>IRQ cause: emulator miss.</summary>
    public const uint MMU_IRQ_EMUMISS = 1 << 2;
    /// <summary>IRQ cause: table-walk fault.</summary>
    public const uint MMU_IRQ_TABLEWALKFAULT = 1 << 3;
    /// <summary>IRQ cause: multi-hit fault.</summary>
    public const uint MMU_IRQ_MULTIHITFAULT = 1 << 4;
    /// <summary>All causes.</summary>
    public const uint MMU_IRQ_MASK = 0x1F;
    /// <summary>Enable set in table-walk mode: everything but TLB miss.</summary>
    public const uint MMU_IRQ_TWL_MASK = 0x1E;
    /// <summary>Enable set in TLB-miss mode: everything but table-walk fault.</summary>
    public const uint MMU_IRQ_TLB_MISS_MASK = 0x17;

    /// <summary>CNTL MMU_EN.</summary>
    public const uint MMU_CNTL_MMU_EN = 1 << 1;
    /// <summary>CNTL TWL_EN.</summary>
    public const uint MMU_CNTL_TWL_EN = 1 << 2;
    /// <summary>CNTL EML_TLB.</summary>
    public const uint MMU_CNTL_EML_TLB = 1 << 3;
    /// <summary>The bits the driver treats as its field.</summary>
    public const uint MMU_CNTL_MASK = 0xE;

    /// <summary>LOCK BASE field shift.</summary>
    public const int MMU_LOCK_BASE_SHIFT = 10;
    /// <summary>LOCK BASE field mask.</summary>
    public const uint MMU_LOCK_BASE_MASK = 0x1F << MMU_LOCK_BASE_SHIFT;
    /// <summary>LOCK VICT field shift.</summary>
    public const int MMU_LOCK_VICT_SHIFT = 4;
    /// <summary>LOCK VICT field mask.</summary>
    public const uint MMU_LOCK_VICT_MASK = 0x1F << MMU_LOCK_VICT_SHIFT;

    /// <summary>CAM VA tag bits.</summary>
    public const uint MMU_CAM_VATAG_MASK = 0xFFFFF000;
    /// <summary>CAM P (preserved) bit.</summary>
    public const uint MMU_CAM_P = 1 << 3;
    /// <summary>CAM V (valid) bit.</summary>
    public const uint MMU_CAM_V = 1 << 2;
    /// <summary>CAM page-size field mask.</summary>
    public const uint MMU_CAM_PGSZ_MASK = 3;
    /// <summary>CAM page-size code for 1 MiB.</summary>
    public const uint MMU_CAM_PGSZ_1M = 0;
    /// <summary>CAM page-size code for 64 KiB.</summary>
    public const uint MMU_CAM_PGSZ_64K = 1;
    /// <summary>CAM page-size code for 4 KiB.</summary>
    public const uint MMU_CAM_PGSZ_4K = 2;
    /// <summary>CAM page-size code for 16 MiB.</summary>
    public const uint MMU_CAM_PGSZ_16M = 3;

    /// <summary>RAM physical address bits.</summary>
    public const uint MMU_RAM_PADDR_MASK = 0xFFFFF000;
    /// <summary>RAM endianness bit (1 = big).</summary>
    public const uint MMU_RAM_ENDIAN_MASK = 1 << 9;
    /// <summary>RAM big-endian.</summary>
    public const uint MMU_RAM_ENDIAN_BIG = 1 << 9;
    /// <summary>RAM element-size field mask.</summary>
    public const uint MMU_RAM_ELSZ_MASK = 3 << 7;
    /// <summary>RAM mixed-page attribute bit.</summary>
    public const uint MMU_RAM_MIXED = 1 << 6;

    /// <summary>The VA tag mask of a CAM page-size code (16M 0xFF000000 ... 4K 0xFFFFF000).</summary>
    public static uint TagMask(uint pgszCode) => (pgszCode & MMU_CAM_PGSZ_MASK) switch
    {
        MMU_CAM_PGSZ_16M => 0xFF000000,
        MMU_CAM_PGSZ_1M => 0xFFF00000,
        MMU_CAM_PGSZ_64K => 0xFFFF0000,
        _ => 0xFFFFF000,
    };
}
