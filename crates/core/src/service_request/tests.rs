//! Reads requests in the shape the reference server writes them.

use super::*;

/// A request as the reference server answers it, mid-life: assigned,
/// visit booked, one message with a photo, the first promise met.
pub(crate) const RECORDED: &str = r#"{
  "number": "AC-7K3F-92", "type": "fault_report", "severity": "high",
  "status": "scheduled", "locale": "zh-CN",
  "fields": {"contact_name": "王芳", "serial_number": "SN-1", "attachments": ["att_1"]},
  "created_at": "2027-01-15T08:00:00.000Z", "updated_at": "2027-01-15T09:00:00.000Z",
  "engineer": {"name": "Li Wei"},
  "appointment": {"start": "2027-01-15T10:00:00.000Z", "end": "2027-01-15T11:00:00.000Z"},
  "sla": {
    "respond_by": "2027-01-15T09:00:00.000Z", "on_site_by": "2027-01-15T16:00:00.000Z",
    "resolve_by": "2027-01-16T08:00:00.000Z",
    "first_response": {"state": "met", "at": "2027-01-15T08:30:00.000Z"},
    "on_site": {"state": "running", "due": "2027-01-15T16:00:00.000Z", "remaining_minutes": 420},
    "resolution": {"state": "running", "due": "2027-01-16T08:00:00.000Z", "remaining_minutes": 1380},
    "business_hours_only": false
  },
  "events": [
    {"at": "2027-01-15T08:00:00.000Z", "actor": {"kind": "customer"}, "action": "submit", "status": "submitted"},
    {"at": "2027-01-15T08:30:00.000Z", "actor": {"kind": "engineer", "name": "Li Wei"},
     "action": "acknowledge", "status": "acknowledged"},
    {"at": "2027-01-15T08:40:00.000Z", "actor": {"kind": "engineer", "name": "Li Wei"},
     "action": "assign", "status": "assigned", "engineer": {"name": "Li Wei"}},
    {"at": "2027-01-15T08:50:00.000Z", "actor": {"kind": "engineer", "name": "Li Wei"},
     "action": "schedule", "status": "scheduled",
     "appointment": {"start": "2027-01-15T10:00:00.000Z", "end": "2027-01-15T11:00:00.000Z"},
     "note": "<b>Bring</b> the ladder"},
    {"at": "2027-01-15T09:00:00.000Z", "actor": {"kind": "customer"},
     "message": {"id": "msg_1", "at": "2027-01-15T09:00:00.000Z", "author": {"kind": "customer"},
                 "text": "<script>x</script>", "attachments": []}}
  ],
  "messages": [
    {"id": "msg_1", "at": "2027-01-15T09:00:00.000Z", "author": {"kind": "customer"},
     "text": "<script>x</script>", "attachments": [
       {"id": "att_2", "name": "故障照片.jpg", "type": "image/jpeg", "size": 2048,
        "url": "/api/v1/attachments/att_2"}]}
  ],
  "attachments": [
    {"id": "att_1", "name": "plate.png", "type": "image/png", "size": 100, "url": "/api/v1/attachments/att_1"},
    {"id": "att_2", "name": "故障照片.jpg", "type": "image/jpeg", "size": 2048, "url": "/api/v1/attachments/att_2"}
  ],
  "allowed_actions": ["cancel"]
}"#;

#[test]
fn reads_a_recorded_request_whole() {
    let request: ServiceRequest = serde_json::from_str(RECORDED).unwrap();
    assert_eq!(request.number, "AC-7K3F-92");
    assert_eq!(request.status, RequestStatus::Scheduled);
    assert_eq!(request.engineer.as_ref().unwrap().name, "Li Wei");
    assert_eq!(request.events.len(), 5);
    assert_eq!(request.events[1].action.as_deref(), Some("acknowledge"));
    assert_eq!(
        request.events[3].note.as_deref(),
        Some("<b>Bring</b> the ladder")
    );
    assert_eq!(request.messages[0].text, "<script>x</script>");
    assert_eq!(request.messages[0].attachments[0].size, 2048);
    assert_eq!(request.allowed_actions, vec![RequestAction::Cancel]);
    let sla = request.sla.as_ref().unwrap();
    assert_eq!(
        sla.on_site,
        Some(PromiseState::Running {
            due: "2027-01-15T16:00:00.000Z".into(),
            remaining_minutes: 420
        })
    );
    assert!(matches!(sla.first_response, PromiseState::Met { .. }));
}

#[test]
fn a_saved_copy_reads_back_the_same() {
    let request: ServiceRequest = serde_json::from_str(RECORDED).unwrap();
    let saved = serde_json::to_string(&request).unwrap();
    assert_eq!(
        serde_json::from_str::<ServiceRequest>(&saved).unwrap(),
        request
    );
}

#[test]
fn a_new_request_is_written_with_the_contracts_names() {
    let mut fields = Map::new();
    fields.insert("description".into(), Value::from("屏幕不亮"));
    let new = NewServiceRequest {
        request_type: "fault_report".into(),
        severity: "low".into(),
        fields,
        locale: Some("zh-CN".into()),
    };
    let json = serde_json::to_value(&new).unwrap();
    assert_eq!(json["type"], "fault_report");
    assert_eq!(json["fields"]["description"], "屏幕不亮");
    assert_eq!(json["locale"], "zh-CN");
}

#[test]
fn a_page_reads_its_summaries_and_cursor() {
    let page: RequestPage = serde_json::from_str(
        r#"{"items": [{"number": "AC-1", "type": "consultation", "severity": "low",
            "status": "waiting_on_customer", "created_at": "2027-01-01T00:00:00.000Z",
            "updated_at": "2027-01-02T00:00:00.000Z"}], "next_cursor": null}"#,
    )
    .unwrap();
    assert_eq!(page.items[0].status, RequestStatus::WaitingOnCustomer);
    assert_eq!(page.next_cursor, None);
}
