"""The attribute actions of the DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile.

Keywords are grouped by the action we apply. Where the standard allows a choice (X/Z/D), we pick removal
unless the attribute is type 1 or 2 in a chest radiograph, SR or SEG object, in which case it is emptied (Z)
or given a dummy (D) so the result still validates. Beyond these explicit lists, :mod:`anonymize` applies
generic rules that cover what the table lists by category: every person name, every date and time, every
non-standard UID (remapped), private tags, curves and overlays.
"""

from __future__ import annotations

REMOVE = frozenset({
    # patient
    "OtherPatientIDs", "OtherPatientIDsSequence", "OtherPatientNames", "PatientBirthName", "PatientAddress",
    "PatientAge", "PatientSize", "PatientWeight", "PatientMotherBirthName", "PatientTelephoneNumbers",
    "PatientReligiousPreference", "PatientComments", "PatientState", "PatientInsurancePlanCodeSequence",
    "PatientPrimaryLanguageCodeSequence", "PatientBirthTime", "IssuerOfPatientID", "MilitaryRank",
    "BranchOfService", "MedicalRecordLocator", "EthnicGroup", "Occupation", "AdditionalPatientHistory",
    "CountryOfResidence", "RegionOfResidence", "MedicalAlerts", "Allergies", "SmokingStatus", "PregnancyStatus",
    "LastMenstrualDate", "SpecialNeeds", "CurrentPatientLocation", "PatientInstitutionResidence",
    "ReferencedPatientSequence", "ResponsiblePerson", "ResponsibleOrganization", "PatientSexNeutered",
    # visit, order, procedure
    "AdmissionID", "AdmittingDiagnosesDescription", "AdmittingDiagnosesCodeSequence", "ServiceEpisodeID",
    "ServiceEpisodeDescription", "VisitComments", "DischargeDiagnosisDescription", "ReasonForStudy",
    "ReasonForTheRequestedProcedure", "RequestedProcedureDescription", "RequestedProcedureID",
    "RequestAttributesSequence", "RequestedContrastAgent", "ScheduledProcedureStepDescription",
    "ScheduledProcedureStepID", "PerformedProcedureStepID", "PerformedProcedureStepDescription",
    "PerformedLocation", "ScheduledStudyLocation", "ScheduledStudyLocationAETitle", "PlacerOrderNumberImagingServiceRequest",
    "FillerOrderNumberImagingServiceRequest", "OrderEnteredBy", "OrderEntererLocation", "OrderCallbackPhoneNumber",
    "ReferencedStudySequence", "IssuerOfAdmissionIDSequence",
    # staff, institution, device
    "InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName", "InstitutionCodeSequence",
    "ReferringPhysicianAddress", "ReferringPhysicianTelephoneNumbers", "ReferringPhysicianIdentificationSequence",
    "PhysiciansOfRecord", "PhysiciansOfRecordIdentificationSequence", "PerformingPhysicianName",
    "PerformingPhysicianIdentificationSequence", "NameOfPhysiciansReadingStudy",
    "PhysiciansReadingStudyIdentificationSequence", "OperatorsName", "OperatorIdentificationSequence",
    "RequestingPhysician", "RequestingService", "ConsultingPhysicianName", "StationName",
    "DetectorID", "PlateID", "GantryID", "CassetteID", "GeneratorID", "DeviceUID",
    # free text and provenance that may carry identifiers
    "StudyDescription", "SeriesDescription", "ImageComments", "TextComments", "AcquisitionComments",
    "DerivationDescription", "FrameComments", "ProtocolName", "IdentifyingComments", "InterpretationText",
    "ContentCreatorIdentificationCodeSequence", "ModifiedAttributesSequence", "OriginalAttributesSequence",
    "DigitalSignaturesSequence", "MACParametersSequence", "TopicAuthor", "TopicKeywords", "TopicSubject",
    "TopicTitle", "AuthorObserverSequence", "ParticipantSequence", "CustodialOrganizationSequence",
    "DataSetTrailingPadding", "StorageMediaFileSetID",
})

EMPTY = frozenset({
    "PatientBirthDate", "PatientSex", "AccessionNumber", "ReferringPhysicianName", "StudyID", "StudyDate",
    "StudyTime", "ContentCreatorName",
    "ReferencedPerformedProcedureStepSequence",  # type 2 in an SR's SR Document Series module
})

DUMMY = {
    "DeviceSerialNumber": "ANONYMIZED",  # type 1 in a SEG's Enhanced General Equipment module
    "ContentDate": "19000101", "ContentTime": "000000", "VerifyingObserverName": "ANONYMOUS",
    "PersonName": "ANONYMOUS", "VerifyingOrganization": "ANONYMOUS", "ObservationDateTime": "19000101000000",
}

PSEUDONYMISED = frozenset({"PatientName", "PatientID"})

DATE_TIME_VRS = frozenset({"DA", "DT", "TM"})
PROFILE_CODE = ("113100", "DCM", "Basic Application Confidentiality Profile")
METHOD_TEXT = "DICOM PS3.15 E.1 Basic Profile (cxr-workstation)"  # LO: at most 64 characters
