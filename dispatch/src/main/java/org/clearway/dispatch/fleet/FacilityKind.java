package org.clearway.dispatch.fleet;

/** What a facility is for ({@code facilities.kind}: the name in lower case). */
public enum FacilityKind {
    /** where trucks start and end their shift; takes no waste */
    DEPOT,
    /** where trucks unload for onward transport */
    TRANSFER_STATION,
    /** where waste is treated: incinerator, composting, recycling plant */
    TREATMENT_PLANT
}
