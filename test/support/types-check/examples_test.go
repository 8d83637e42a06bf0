package webhooks

// Decodes every documented example with the generated Parse functions (copied beside the generated
// files by test/unit/core/kit/types/toolchains.test.ts, with testdata/manifest.json and the examples).

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
)

type documentedExample struct {
	Platform    string `json:"platform"`
	Event       string `json:"event"`
	Name        string `json:"name"`
	File        string `json:"file"`
	PayloadType string `json:"payloadType"`
}

type parsed interface{ WebhookEvent() string }

func parse(platform string, body []byte) (parsed, error) {
	if platform == "Chat2Desk" {
		return ParseChat2DeskPayload(body)
	}
	return ParseIQChannelsPayload(body)
}

// undeclared lists the members any struct below v kept in Extra.
func undeclared(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Ptr, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return undeclared(v.Elem(), path)
	case reflect.Slice:
		var found []string
		for i := 0; i < v.Len(); i++ {
			found = append(found, undeclared(v.Index(i), path+"[]")...)
		}
		return found
	case reflect.Struct:
		var found []string
		for i := 0; i < v.NumField(); i++ {
			field := v.Type().Field(i)
			if field.Name == "Extra" {
				for _, key := range v.Field(i).MapKeys() {
					found = append(found, path+"."+key.String())
				}
				continue
			}
			found = append(found, undeclared(v.Field(i), path+"."+field.Name)...)
		}
		return found
	}
	return nil
}

func TestDocumentedExamples(t *testing.T) {
	data, err := os.ReadFile("testdata/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []documentedExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) == 0 {
		t.Fatal("no examples in the manifest")
	}
	for _, example := range examples {
		body, err := os.ReadFile(example.File)
		if err != nil {
			t.Fatal(err)
		}
		payload, err := parse(example.Platform, body)
		if err != nil {
			t.Errorf("%s: %v", example.Name, err)
			continue
		}
		if payload.WebhookEvent() != example.Event {
			t.Errorf("%s: WebhookEvent() = %q, want %q", example.Name, payload.WebhookEvent(), example.Event)
		}
		if name := reflect.TypeOf(payload).Elem().Name(); name != example.PayloadType {
			t.Errorf("%s: decoded as %s, want %s", example.Name, name, example.PayloadType)
		}
		if found := undeclared(reflect.ValueOf(payload), example.Name); len(found) > 0 {
			t.Errorf("%s: members kept in Extra (not declared): %v", example.Name, found)
		}
	}
	t.Logf("checked %d examples", len(examples))
}

func TestUndocumentedEventsAndMembers(t *testing.T) {
	_, err := ParseChat2DeskPayload([]byte(`{"hook_type":"undocumented"}`))
	var unknown *UnknownChat2DeskEventError
	if !errors.As(err, &unknown) || unknown.Event != "undocumented" {
		t.Errorf("an undocumented hook_type: got %v", err)
	}
	_, err = ParseIQChannelsPayload([]byte(`{"ChatEvent":{"Type":"undocumented"}}`))
	var unknownIQ *UnknownIQChannelsEventError
	if !errors.As(err, &unknownIQ) {
		t.Errorf("an undocumented ChatEvent.Type: got %v", err)
	}
	payload, err := ParseChat2DeskPayload([]byte(`{"hook_type":"inbox","text":"hi","not_in_the_docs":{"a":1}}`))
	if err != nil {
		t.Fatal(err)
	}
	inbox := payload.(*Chat2DeskInboxPayload)
	if inbox.Text != "hi" || string(inbox.Extra["not_in_the_docs"]) != `{"a":1}` {
		t.Errorf("an undocumented member is kept in Extra: %+v", inbox)
	}
}
