using Migration.Hardware.Msm;

namespace Migration.Drivers.Msm;

/// <summary>
/// The SET_/GET_ register macros of iommu_hw-8xxx.h: whole-register writes and read-modify-write
/// field setters on context (base + (ctx &lt;&lt; 12) + reg) and global registers (msm.md §2.2).
/// </summary>
public static class MsmRegisterAccess
{
    /// <summary>Offset of context register <paramref name="reg"/> of bank <paramref name="ctx"/>: (ctx &lt;&lt; 12) + reg.</summary>
    public static uint CtxOffset(int ctx, uint reg) => ((uint)ctx << MsmIommuRegisters.ContextShift) + reg;

    /// <summary>SET_&lt;REG&gt;(base, ctx, value): whole context register write.</summary>
    public static void WriteCtx(MsmIommu hw, int ctx, uint reg, uint value) => hw.Write(CtxOffset(ctx, reg), value);

    /// <summary>GET_&lt;REG&gt;(base, ctx): whole context register read.</summary>
    public static uint ReadCtx(MsmIommu hw, int ctx, uint reg) => hw.Read(CtxOffset(ctx, reg));

    /// <summary>SET_&lt;FIELD&gt;(base, ctx, value) on a context register: read, clear the field, insert, write back.</summary>
    public static void SetCtxField(MsmIommu hw, int ctx, uint reg, uint mask, int shift, uint value)
    {
        uint offset = CtxOffset(ctx, reg);
        uint old = hw.Read(offset);
        hw.Write(offset, (old & ~mask) | ((value << shift) & mask));
    }

    /// <summary>SET_&lt;FIELD&gt;(base, value) on a global register at <paramref name="offset"/>: read-modify-write.</summary>
    public static void SetGlobalField(MsmIommu hw, uint offset, uint mask, int shift, uint value)
    {
        uint old = hw.Read(offset);
        hw.Write(offset, (old & ~mask) | ((value << shift) & mask));
    }
}
