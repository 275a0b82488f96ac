package dev.cicd.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code setting}: a named text value. */
@Entity
@Table(name = "setting")
@SuppressWarnings("NullAway.Init")
public class SettingEntity {
  @Id
  String name;
  @Column(name = "setting_value")
  String value;
  @Convert(converter = InstantConverter.class)
  Instant updatedAt;
  long version;

  protected SettingEntity() {}

  public static SettingEntity of(String name, String value, Instant updatedAt) {
    SettingEntity e = new SettingEntity();
    e.name = name;
    e.value = value;
    e.updatedAt = updatedAt;
    e.version = 1;
    return e;
  }

  public String value() {
    return value;
  }

  public void update(String newValue, Instant at) {
    value = newValue;
    updatedAt = at;
    version++;
  }
}
