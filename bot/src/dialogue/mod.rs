//! The conversation engine. This foundation only greets; the flows (booking, progress,
//! permits, passport, offices, guidance, assist, settings) arrive one file each.
