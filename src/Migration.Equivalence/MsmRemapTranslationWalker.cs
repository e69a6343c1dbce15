using Migration.Hardware.Memory;
using Migration.Hardware.Msm;

namespace Migration.Equivalence;

/// <summary>
/// The MSM IOMMU's hardware walker (msm.md §2.6) with every leaf's attributes decoded through the TEX remap registers its
/// context runs with (SCTLR.TRE = 1): the same memory type compares equal whichever {TEX0, C, B} index encodes it, so
/// a 3.0 context on the CPU's PRRR/NMRR and a v7s context on its own (v7s.md §1.4 item 1, §2.3) can be compared.
/// Attributes: bit 0 read-only, bits 2:1 PRRR TRn (0 strongly ordered, 1 device, 2 normal), bits 4:3 NMRR IRn and
/// bits 6:5 ORn (normal memory only: 0 non-cacheable, 1 WBWA, 2 WT, 3 WBNWA), bit 7 shareable, bit 8 outer shareable.
/// </summary>
public sealed class MsmRemapTranslationWalker : ITranslationWalker
{
    private readonly Func<(uint Prrr, uint Nmrr)> _registers;
    private readonly MsmTranslationWalker _walker;

    /// <summary>Walks tables in <paramref name="memory"/> and decodes with the PRRR/NMRR <paramref name="registers"/> returns (read at each walk).</summary>
    public MsmRemapTranslationWalker(PhysicalMemory memory, Func<(uint Prrr, uint Nmrr)> registers)
    {
        ArgumentNullException.ThrowIfNull(registers);
        _walker = new MsmTranslationWalker(memory);
        _registers = registers;
    }

    /// <summary>The memory holding the tables.</summary>
    public PhysicalMemory Memory => _walker.Memory;

    /// <inheritdoc />
    public string Format => "msm";

    /// <inheritdoc />
    public bool Walk(uint root, uint va, out PageEntry entry, out uint faultGranule)
    {
        if (!_walker.Walk(root, va, out entry, out faultGranule))
            return false;
        // The plain walker's attributes: bit 0 read-only, bit 1 S, bits 6:4 {TEX0, C, B}.
        (uint prrr, uint nmrr) = _registers();
        uint raw = entry.Attributes;
        entry = entry with { Attributes = Decode((raw >> 4) & 7, (raw & 2) != 0, (raw & 1) != 0, prrr, nmrr) };
        return true;
    }

    /// <summary>
    /// The attribute word for index <paramref name="n"/> = {TEX0, C, B} and the descriptor's S bit under
    /// <paramref name="prrr"/>/<paramref name="nmrr"/> (ARMv7 TEX remap: TRn, IRn/ORn, NS0/NS1 and NOSn for normal memory,
    /// DS0/DS1 for device memory, strongly ordered always shareable).
    /// </summary>
    public static uint Decode(uint n, bool s, bool readOnly, uint prrr, uint nmrr)
    {
        int i = (int)(n & 7);
        uint tr = (prrr >> (2 * i)) & 3;
        uint attributes = (readOnly ? 1u : 0) | (tr << 1);
        bool shareable;
        bool outer = false;
        switch (tr)
        {
            case 2:
                attributes |= ((nmrr >> (2 * i)) & 3) << 3;
                attributes |= ((nmrr >> (16 + 2 * i)) & 3) << 5;
                shareable = ((prrr >> (s ? 19 : 18)) & 1) != 0;
                outer = shareable && ((prrr >> (24 + i)) & 1) == 0;
                break;
            case 1:
                shareable = ((prrr >> (s ? 17 : 16)) & 1) != 0;
                break;
            default:
                shareable = true;
                break;
        }
        return attributes | (shareable ? 1u << 7 : 0) | (outer ? 1u << 8 : 0);
    }

    /// <summary>Writable unless AP2; cached when normal memory with an inner cacheable policy; ARM descriptors have no byte order.</summary>
    public DeviceAccess Access(in PageEntry entry) =>
        new(Writable: (entry.Attributes & 1) == 0, BigEndian: false, Cached: ((entry.Attributes >> 1) & 3) == 2 && ((entry.Attributes >> 3) & 3) != 0);

    /// <inheritdoc />
    public uint SecondLevelTable(uint root, uint va) => _walker.SecondLevelTable(root, va);
}
